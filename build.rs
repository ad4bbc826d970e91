//! Links the `dutyctl` executable at a fixed address on x86-64 Linux (glibc).
//!
//! A position-independent executable has every pointer in its read-only data (string tables,
//! vtables: 660 KB here) relocated by the loader at start, which copies each of those pages: on
//! the reference VM that is 160 page faults and 1.4 ms of a 2.9 ms `dutyctl --version`, paid by
//! every command before it reads a byte. Libraries, stack and heap stay randomised; Go links its
//! executables the same way by default. Elsewhere the toolchain's default is kept.
fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
    if os == "linux" && env == "gnu" && arch == "x86_64" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
