//! Errors the library reports; the binary adds the file name and renders them.

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
    #[error("no table found: {0}")]
    NoTable(String),
}

/// A lossy or doubtful reading, reported on stderr like pandoc's warnings.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    /// 1-based line in the input, where known.
    pub line: Option<usize>,
    pub message: String,
}

impl Warning {
    pub fn at(line: usize, message: impl Into<String>) -> Self {
        Warning {
            line: Some(line),
            message: message.into(),
        }
    }

    pub fn general(message: impl Into<String>) -> Self {
        Warning {
            line: None,
            message: message.into(),
        }
    }
}
