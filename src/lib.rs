//! dutyctl turns Chinese policy notices into responsibility registers (责任分解表).
//!
//! Readers (`reader`) turn the bytes of a document into one [`model::Register`]; writers
//! (`writer`) turn a register into an output format. The library never prints: warnings come
//! back as data for the binary to render.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod error;
pub mod model;
pub mod normalize;
pub mod output;
pub mod reader;
pub mod report;
pub mod vocab;
pub mod writer;
