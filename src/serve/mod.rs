//! `dutyctl serve`: a local page on which a clerk opens a notice, checks each extracted row
//! against the text it came from, corrects the register and downloads the table.
//!
//! The server is a thin layer over the library: every input goes through [`dutyctl::reader::read`]
//! as `import` reads it, every download through [`dutyctl::writer::write`] as `export` writes it,
//! and every save through [`crate::cmd::output::write_safely`]. It never prints; the command says
//! where it listens.

mod compare;
mod folder;
mod guard;
mod routes;
mod source;

use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use folder::Folder;
pub use guard::HostPolicy;

/// What the server is asked to serve and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The folder of notices listed on the page; edited registers are saved beside them.
    pub dir: PathBuf,
    pub bind: IpAddr,
    /// 0 lets the system choose a free port (tests).
    pub port: u16,
    /// The unit directory (`--units`): its names are offered, units it lacks marked.
    pub units: Option<dutyctl::normalize::directory::UnitDirectory>,
}

/// A server bound to its address and ready to run.
pub struct Server {
    listener: TcpListener,
    state: Arc<routes::State>,
}

impl Server {
    /// Binds the address and opens the folder; errors name what failed.
    pub fn bind(options: &ServeOptions) -> Result<Server, ServeError> {
        let folder = Folder::open(&options.dir)?;
        let address = SocketAddr::new(options.bind, options.port);
        let listener = TcpListener::bind(address).map_err(|error| ServeError::Bind {
            address,
            message: error.to_string(),
        })?;
        let bound = listener.local_addr().map_err(|error| ServeError::Bind {
            address,
            message: error.to_string(),
        })?;
        let state = Arc::new(routes::State {
            folder,
            hosts: HostPolicy::new(bound),
            units: options.units.clone(),
        });
        Ok(Server { listener, state })
    }

    /// The address actually bound (the chosen port when 0 was asked for).
    pub fn local_addr(&self) -> SocketAddr {
        self.state.hosts.bound()
    }

    /// The folder served, as given.
    pub fn dir(&self) -> &Path {
        self.state.folder.root()
    }

    /// Serves until the process ends.
    pub fn run(self) -> io::Result<()> {
        // One thread answers requests; reading and writing registers, which take the CPU, run
        // on tokio's blocking pool so that a large workbook does not hold up the page's assets.
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()?;
        runtime.block_on(async move {
            self.listener.set_nonblocking(true)?;
            let listener = tokio::net::TcpListener::from_std(self.listener)?;
            axum::serve(listener, routes::router(self.state)).await
        })
    }
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("{0}: {1}")]
    Folder(String, String),
    #[error("cannot listen on {address}: {message}")]
    Bind {
        address: SocketAddr,
        message: String,
    },
}
