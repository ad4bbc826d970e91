//! dutyctl turns Chinese policy notices into responsibility registers (责任分解表).
//!
//! Data flows one way: readers (`reader`) turn the bytes of an input into a [`document::Document`]
//! of paragraphs and tables; interpreters (`interpret`) turn the blocks into a
//! [`model::Register`]; writers (`writer`) turn a register into an output format. The library
//! never prints: warnings come back as data for the binary to render.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod diff;
pub mod document;
pub mod error;
pub mod interpret;
pub mod lint;
pub mod model;
pub mod normalize;
pub mod reader;
pub mod report;
#[cfg(test)]
mod test_samples;
pub mod vocab;
pub mod writer;
pub(crate) mod yaml_scalar;
