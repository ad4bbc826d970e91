//! `dutyctl serve [DIR]`: the local review page for a folder of notices.

use crate::cli::ServeArgs;
use crate::serve::{ServeOptions, Server};
use anyhow::Result;
use std::process::ExitCode;

pub fn run(args: &ServeArgs) -> Result<ExitCode> {
    if !args.bind.is_loopback() {
        // Anyone who can reach that address can read and overwrite the registers of DIR: the
        // server has no accounts, it trusts the one person at this computer.
        eprintln!(
            "dutyctl: warning: serving on {}, not only this computer: anyone on that network can read and change the registers in {}",
            args.bind,
            args.dir.display()
        );
    }
    let units = match &args.units {
        Some(path) => Some(super::read_units(Some(path))?),
        None => None,
    };
    let server = Server::bind(&ServeOptions {
        dir: args.dir.clone(),
        bind: args.bind,
        port: args.port,
        units,
    })?;
    let address = server.local_addr();
    let url = if address.ip().is_unspecified() {
        format!("http://127.0.0.1:{}/", address.port())
    } else {
        format!("http://{address}/")
    };
    // The address is the first line on stdout, whole, so a script (and the tests, with
    // --port 0) can read where to connect.
    super::write_stdout(format!("{url}\n").as_bytes())?;
    eprintln!(
        "dutyctl: serving {} at {url} (Ctrl-C stops)",
        server.dir().display()
    );
    if args.open {
        open_browser(&url);
    }
    server.run()?;
    Ok(super::exit(super::SUCCESS))
}

/// Opens the page in the desktop's browser; failing that, the address printed above is enough.
fn open_browser(url: &str) {
    let opener: &[&str] = if cfg!(target_os = "macos") {
        &["open"]
    } else if cfg!(windows) {
        &["cmd", "/C", "start", ""]
    } else {
        &["xdg-open"]
    };
    let spawned = std::process::Command::new(opener[0])
        .args(&opener[1..])
        .arg(url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if spawned.is_err() {
        eprintln!(
            "dutyctl: warning: cannot open a browser ({}): open {url} yourself",
            opener[0]
        );
    }
}
