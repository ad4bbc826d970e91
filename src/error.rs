//! Errors the library reports; the binary adds the file name and renders them.

use crate::document::Position;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum ReadError {
    #[error("the file is empty")]
    Empty,
    #[error("not a text document: looks like {0}")]
    NotText(String),
    #[error("cannot decode the text: {0}")]
    Undecodable(String),
    #[error("not a dutyctl register: {0}")]
    BadRegister(String),
    #[error("damaged file: {0}")]
    Corrupt(String),
    #[error("the file is password-protected: remove the password in Word/Excel and save again")]
    PasswordProtected,
    #[error(
        "{0}, which dutyctl does not read: convert it with `libreoffice --headless --convert-to {1} FILE`, or pass --convert"
    )]
    OldBinary(String, &'static str),
    #[error("refused: {0} (a zip bomb?)")]
    TooLarge(String),
    /// Past one of the documented limits (`reader::limits`).
    #[error("refused: {0}")]
    OverLimit(String),
    /// A PDF that has no text to read (a scan) or cannot be opened (a password).
    #[error("{0}")]
    UnreadablePdf(String),
    #[error("no table found: {0}")]
    NoTable(String),
}

/// A lossy or doubtful reading, reported on stderr like pandoc's warnings.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    /// Where in the input, where known: a line, a sheet cell, a Word paragraph or table cell.
    pub at: Option<Position>,
    pub message: String,
}

impl Warning {
    pub fn at(at: Position, message: impl Into<String>) -> Self {
        Warning {
            at: Some(at).filter(|a| *a != Position::Unknown),
            message: message.into(),
        }
    }

    pub fn general(message: impl Into<String>) -> Self {
        Warning {
            at: None,
            message: message.into(),
        }
    }

    /// The input line, for text inputs.
    pub fn line(&self) -> Option<usize> {
        self.at.as_ref().and_then(Position::line_number)
    }
}
