//! The page's routes: the embedded page itself and a JSON API over the library.
//!
//! - `GET /`: the page, its style and script inlined, with the folder's list and the unit
//!   directory's names inside;
//! - `GET /api/documents`: the folder's documents;
//! - `GET /api/document?path=P`: one read (its saved register when there is one);
//! - `POST /api/import?name=N`: an uploaded file read, nothing written;
//! - `PUT /api/register?path=P`: an edited register saved as `NAME.yaml` beside the notice;
//! - `POST /api/export?format=F&name=N`: a register written as xlsx, csv, md, yaml, json or docx;
//! - `POST /api/compare`: `{old, new}` registers compared as `dutyctl diff` compares them, grouped
//!   for the page (`?format=xlsx&name=N`: the change table `diff -o changes.xlsx` writes);
//! - `GET /api/units`: the unit directory's names (`--units`), and `POST /api/units/lookup`: which
//!   of a list of names it knows, and by which name.
//!
//! Every error is `{"error": "NAME: message"}`, one line naming the file, with a status that
//! says whose fault it was.

use super::compare::compare;
use super::folder::{Folder, FolderError};
use super::guard::HostPolicy;
use super::source::{Source, cell_key, position_label_and_key, source_view};
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Query, Request, State as Shared};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post, put};
use dutyctl::error::{ReadError, Warning};
use dutyctl::model::Register;
use dutyctl::normalize::directory::UnitDirectory;
use dutyctl::reader::limits::INPUT_LIMIT;
use dutyctl::reader::{self, ReadOptions, Reading};
use dutyctl::writer::{self, Format, WriteOptions};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::{Arc, LazyLock};

pub struct State {
    pub folder: Folder,
    pub hosts: HostPolicy,
    /// The unit directory given with `--units`.
    pub units: Option<UnitDirectory>,
}

const PAGE: &str = include_str!("assets/index.html");
const SCRIPT: &str = include_str!("assets/app.js");
const STYLE: &str = include_str!("assets/app.css");
/// Where the page's first data goes.
const BOOT: &str = "{{BOOT}}";

/// The page with its style and script inlined: one request, and the page is usable after one
/// round trip (the folder's list and the unit directory come inside it, see [`page`]).
static PAGE_TEMPLATE: LazyLock<String> = LazyLock::new(|| {
    PAGE.replacen(
        r#"<link rel="stylesheet" href="/app.css">"#,
        &format!("<style>\n{STYLE}</style>"),
        1,
    )
    .replacen(
        r#"<script src="/app.js"></script>"#,
        &format!(
            "<script id=\"boot\" type=\"application/json\">{BOOT}</script>\n<script>\n{SCRIPT}</script>"
        ),
        1,
    )
});

pub fn router(state: Arc<State>) -> Router {
    Router::new()
        .route("/", get(page))
        .route("/api/documents", get(list_documents))
        .route("/api/document", get(open_document))
        .route("/api/import", post(import_upload))
        .route("/api/register", put(save_register))
        .route("/api/export", post(export_register))
        .route("/api/compare", post(compare_registers))
        .route("/api/units", get(unit_names))
        .route("/api/units/lookup", post(look_up_units))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            refuse_foreign,
        ))
        .with_state(state)
}

/// What the page starts with: what `/api/documents` and `/api/units` answer.
#[derive(Serialize)]
struct Boot {
    listing: Listing,
    units: UnitNames,
}

async fn page(Shared(state): Shared<Arc<State>>) -> Result<Response, ApiError> {
    let boot = blocking(move || {
        Ok(Boot {
            listing: listing(&state),
            units: names_of(&state),
        })
    })
    .await?;
    // Inside a <script> element nothing may read as `</script>`: `<` is escaped in the JSON.
    let json = serde_json::to_string(&boot)
        .unwrap_or_else(|_| "null".into())
        .replace('<', "\\u003c");
    Ok((
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            // The page changes with the folder and the binary: never a stale copy.
            (header::CACHE_CONTROL, "no-cache"),
        ],
        PAGE_TEMPLATE.replacen(BOOT, &json, 1),
    )
        .into_response())
}

/// Refuses requests that do not come from this server's own page (see `guard`).
async fn refuse_foreign(
    Shared(state): Shared<Arc<State>>,
    request: Request,
    next: Next,
) -> Response {
    match refusal(&state.hosts, request.method(), request.headers()) {
        Some(error) => error.into_response(),
        None => next.run(request).await,
    }
}

fn refusal(hosts: &HostPolicy, method: &Method, headers: &HeaderMap) -> Option<ApiError> {
    let text = |name: header::HeaderName| {
        headers
            .get(name)
            .map(|v| v.to_str().unwrap_or("\u{fffd}").to_string())
    };
    let host = text(header::HOST).unwrap_or_default();
    if !hosts.allows_host(&host) {
        return Some(ApiError::new(
            StatusCode::MISDIRECTED_REQUEST,
            format!(
                "{host}: refused: not this server's address (open http://{} instead)",
                hosts.bound()
            ),
        ));
    }
    if let Some(origin) = text(header::ORIGIN)
        && !hosts.allows_origin(&origin)
    {
        return Some(ApiError::new(
            StatusCode::FORBIDDEN,
            format!("{origin}: refused: a request from another site's page"),
        ));
    }
    // Browsers that send no Origin on a cross-site form post still say where it came from.
    let cross_site = text(header::HeaderName::from_static("sec-fetch-site"))
        .is_some_and(|site| site != "same-origin" && site != "none");
    if method != Method::GET && method != Method::HEAD && cross_site {
        return Some(ApiError::new(
            StatusCode::FORBIDDEN,
            "refused: a request from another site's page",
        ));
    }
    None
}

#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn new(status: StatusCode, message: impl Into<String>) -> Self {
        ApiError {
            status,
            message: message.into(),
        }
    }

    fn reading(name: &str, error: &ReadError) -> Self {
        let status = match error {
            ReadError::OverLimit(_) | ReadError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            _ => StatusCode::UNPROCESSABLE_ENTITY,
        };
        ApiError::new(status, format!("{name}: {error}"))
    }

    fn too_large(name: &str) -> Self {
        ApiError::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!(
                "{name}: refused: larger than the {} MB dutyctl reads",
                INPUT_LIMIT / (1024 * 1024)
            ),
        )
    }
}

impl From<FolderError> for ApiError {
    fn from(error: FolderError) -> Self {
        let status = match error {
            FolderError::Outside(_) => StatusCode::FORBIDDEN,
            FolderError::NotFound(_) => StatusCode::NOT_FOUND,
            FolderError::Io(..) => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError::new(status, error.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        #[derive(Serialize)]
        struct Body {
            error: String,
        }
        (
            self.status,
            Json(Body {
                error: self.message,
            }),
        )
            .into_response()
    }
}

#[derive(Serialize)]
struct Listing {
    dir: String,
    documents: Vec<super::folder::Listed>,
}

async fn list_documents(Shared(state): Shared<Arc<State>>) -> Result<Json<Listing>, ApiError> {
    blocking(move || Ok(Json(listing(&state)))).await
}

fn listing(state: &State) -> Listing {
    Listing {
        dir: state.folder.root().display().to_string(),
        documents: state.folder.list(),
    }
}

/// A warning as the page lists it: the message and where it links to (the line or row, and
/// in a sheet the cell).
#[derive(Debug, Serialize)]
struct PageWarning {
    message: String,
    label: Option<String>,
    key: Option<String>,
    cell: Option<String>,
}

impl From<&Warning> for PageWarning {
    fn from(warning: &Warning) -> Self {
        let (label, key, cell) = match &warning.at {
            Some(at) => {
                let (label, key) = position_label_and_key(at);
                (
                    Some(label),
                    Some(key).filter(|k| !k.is_empty()),
                    Some(cell_key(at)).filter(|k| !k.is_empty()),
                )
            }
            None => (None, None, None),
        };
        PageWarning {
            message: warning.message.clone(),
            label,
            key,
            cell,
        }
    }
}

/// A document as the page opens it.
#[derive(Serialize)]
struct Opened {
    name: String,
    register: Register,
    warnings: Vec<PageWarning>,
    /// The text or the sheets the register's `source` positions refer to.
    source: Source,
    /// The saved register shown instead of a fresh reading, relative to the folder.
    saved: Option<String>,
}

/// Reads one input exactly as `import` does (default options: layout and encoding detected); a
/// reader that panics costs only this request.
fn read_document(bytes: &[u8], name: &str) -> Result<(Reading, Source), ApiError> {
    let options = ReadOptions::default();
    let reading = std::panic::catch_unwind(|| reader::read(bytes, name, &options))
        .unwrap_or_else(|_| {
            Err(ReadError::Corrupt(
                "internal error, please report it: the reader panicked".into(),
            ))
        })
        .map_err(|error| ApiError::reading(name, &error))?;
    // The source is for display: a document that read but cannot be shown is still reviewed,
    // against an empty source.
    let source = std::panic::catch_unwind(|| source_view(bytes, &options))
        .ok()
        .and_then(Result::ok)
        .unwrap_or_default();
    Ok((reading, source))
}

/// CPU-bound work off the thread that answers requests.
async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ApiError> + Send + 'static,
) -> Result<T, ApiError> {
    tokio::task::spawn_blocking(work).await.unwrap_or_else(|_| {
        Err(ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error, please report it",
        ))
    })
}

#[derive(Deserialize)]
struct PathQuery {
    path: String,
}

async fn open_document(
    Shared(state): Shared<Arc<State>>,
    Query(query): Query<PathQuery>,
) -> Result<Json<Opened>, ApiError> {
    blocking(move || {
        let path = state.folder.resolve(&query.path)?;
        let name = file_name(&path);
        let bytes = read_limited(&path, &query.path)?;
        let (mut reading, source) = read_document(&bytes, &name)?;
        let mut saved = None;
        if let Some(saved_path) = state.folder.saved_register(&path) {
            let saved_name = relative_to(&saved_path, &state.folder);
            match read_limited(&saved_path, &saved_name)
                .and_then(|bytes| read_document(&bytes, &saved_name))
            {
                Ok((saved_reading, _)) => {
                    if saved_reading.register.document.sha256 != reading.register.document.sha256 {
                        reading.warnings.push(Warning::general(format!(
                            "{saved_name} was saved from an earlier version of {name}: check it against the text"
                        )));
                    }
                    reading.register = saved_reading.register;
                    saved = Some(saved_name);
                }
                Err(error) => reading.warnings.push(Warning::general(format!(
                    "the saved register is not shown, it cannot be read: {}",
                    error.message
                ))),
            }
        }
        Ok(Json(Opened {
            name: query.path,
            register: reading.register,
            warnings: reading.warnings.iter().map(PageWarning::from).collect(),
            source,
            saved,
        }))
    })
    .await
}

#[derive(Deserialize)]
struct NameQuery {
    name: Option<String>,
}

async fn import_upload(
    Query(query): Query<NameQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<Opened>, ApiError> {
    let name = upload_name(query.name.as_deref());
    let bytes = body_bytes(&headers, body, &name).await?;
    blocking(move || {
        let (reading, source) = read_document(&bytes, &name)?;
        Ok(Json(Opened {
            name,
            register: reading.register,
            warnings: reading.warnings.iter().map(PageWarning::from).collect(),
            source,
            saved: None,
        }))
    })
    .await
}

#[derive(Serialize)]
struct Saved {
    saved: String,
}

async fn save_register(
    Shared(state): Shared<Arc<State>>,
    Query(query): Query<PathQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<Saved>, ApiError> {
    let bytes = body_bytes(&headers, body, &query.path).await?;
    blocking(move || {
        let path = state.folder.resolve(&query.path)?;
        let register = register_from_json(&bytes, &query.path)?;
        let yaml =
            writer::write(&register, Format::Yaml, &WriteOptions::default()).map_err(|e| {
                ApiError::new(
                    StatusCode::UNPROCESSABLE_ENTITY,
                    format!("{}: {e}", query.path),
                )
            })?;
        let saved = state.folder.save(&path, &yaml)?;
        Ok(Json(Saved { saved }))
    })
    .await
}

#[derive(Deserialize)]
struct ExportQuery {
    format: String,
    name: Option<String>,
}

async fn export_register(
    Query(query): Query<ExportQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let name = upload_name(query.name.as_deref());
    let format = Format::from_extension(Path::new(&format!("register.{}", query.format)))
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::BAD_REQUEST,
                format!(
                    "{}: not a format dutyctl writes (xlsx, docx, csv, md, yaml, json)",
                    query.format
                ),
            )
        })?;
    let bytes = body_bytes(&headers, body, &name).await?;
    blocking(move || {
        let register = register_from_json(&bytes, &name)?;
        let written = writer::write(&register, format, &WriteOptions::default())
            .map_err(|e| ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, format!("{name}: {e}")))?;
        let stem = Path::new(&name)
            .file_stem()
            .map_or("分解表".into(), |s| s.to_string_lossy().into_owned());
        let download = format!("{stem}.{}", format.extension());
        Ok((
            [
                (header::CONTENT_TYPE, content_type(format).to_string()),
                (header::CONTENT_DISPOSITION, attachment(&download)),
            ],
            written,
        )
            .into_response())
    })
    .await
}

#[derive(Deserialize)]
struct CompareQuery {
    format: Option<String>,
    name: Option<String>,
}

/// Last year's register and this one, as the page sends them to be compared.
#[derive(Deserialize)]
struct Pair {
    old: Register,
    new: Register,
}

async fn compare_registers(
    Shared(state): Shared<Arc<State>>,
    Query(query): Query<CompareQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let name = upload_name(query.name.as_deref());
    let bytes = body_bytes(&headers, body, &name).await?;
    blocking(move || {
        let pair: Pair = from_json(&bytes, &name, "not two registers")?;
        let units = state.units.clone().unwrap_or_default();
        match query.format.as_deref() {
            None | Some("json") => Ok(Json(compare(&pair.old, &pair.new, &units)).into_response()),
            Some("xlsx") => {
                let identity = |unit: &str| units.identity(unit);
                let found = dutyctl::diff::diff(
                    &pair.old,
                    &pair.new,
                    &identity,
                    dutyctl::diff::DEFAULT_THRESHOLD,
                );
                let font = WriteOptions::default().font;
                let written =
                    dutyctl::report::diff_xlsx::render(&found, &pair.old, &pair.new, &font)
                        .map_err(|e| {
                            ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, format!("{name}: {e}"))
                        })?;
                let stem = Path::new(&name)
                    .file_stem()
                    .map_or("分解表".into(), |s| s.to_string_lossy().into_owned());
                Ok((
                    [
                        (header::CONTENT_TYPE, content_type(Format::Xlsx).to_string()),
                        (
                            header::CONTENT_DISPOSITION,
                            attachment(&format!("{stem}-对比.xlsx")),
                        ),
                    ],
                    written,
                )
                    .into_response())
            }
            Some(other) => Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                format!("{other}: the comparison is given as json or xlsx"),
            )),
        }
    })
    .await
}

#[derive(Serialize)]
struct UnitNames {
    /// Whether a directory was given (`--units`); without one no unit is marked unknown.
    directory: bool,
    names: Vec<String>,
}

async fn unit_names(Shared(state): Shared<Arc<State>>) -> Json<UnitNames> {
    Json(names_of(&state))
}

fn names_of(state: &State) -> UnitNames {
    UnitNames {
        directory: state.units.is_some(),
        names: state
            .units
            .as_ref()
            .map(|units| units.names().to_vec())
            .unwrap_or_default(),
    }
}

/// A unit name as the directory knows it: its canonical name, or none when it is not listed.
#[derive(Serialize)]
struct LookedUp {
    name: String,
    canonical: Option<String>,
}

async fn look_up_units(
    Shared(state): Shared<Arc<State>>,
    headers: HeaderMap,
    body: Body,
) -> Result<Json<Vec<LookedUp>>, ApiError> {
    let bytes = body_bytes(&headers, body, "units").await?;
    let names: Vec<String> = from_json(&bytes, "units", "not a list of unit names")?;
    let directory = state.units.as_ref();
    Ok(Json(
        names
            .into_iter()
            .map(|name| LookedUp {
                canonical: directory
                    .and_then(|d| d.canonical(&name))
                    .map(str::to_string),
                name,
            })
            .collect(),
    ))
}

/// JSON the page sent, the error naming the key that is wrong (`old.tasks[3].lead: …`).
fn from_json<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    name: &str,
    what: &str,
) -> Result<T, ApiError> {
    let mut json = serde_json::Deserializer::from_slice(bytes);
    serde_path_to_error::deserialize(&mut json).map_err(|error| {
        ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("{name}: {what}: {}: {}", error.path(), error.inner()),
        )
    })
}

/// A register the page sent, validated by the model itself: the error names the key that is
/// wrong (`tasks[3].lead: invalid type …`).
fn register_from_json(bytes: &[u8], name: &str) -> Result<Register, ApiError> {
    let mut register: Register = from_json(bytes, name, "not a register")?;
    // The page clears a task's due date when its deadline is edited: the date is worked out
    // here, by the rule the readers use, so that the saved register passes `check`.
    for task in &mut register.tasks {
        if task.due.is_none() {
            task.due = task
                .deadline
                .as_deref()
                .and_then(dutyctl::interpret::due::due_date);
        }
    }
    Ok(register)
}

/// A request body, refused past the input limit: by its declared length before a byte is read,
/// or once that many bytes have come.
async fn body_bytes(headers: &HeaderMap, body: Body, name: &str) -> Result<Bytes, ApiError> {
    let declared = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if declared.is_some_and(|length| length > INPUT_LIMIT) {
        return Err(ApiError::too_large(name));
    }
    axum::body::to_bytes(body, INPUT_LIMIT as usize)
        .await
        .map_err(|error| {
            let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&error);
            let mut over_limit = false;
            while let Some(current) = cause {
                over_limit |= current.is::<http_body_util::LengthLimitError>();
                cause = current.source();
            }
            if over_limit {
                ApiError::too_large(name)
            } else {
                ApiError::new(
                    StatusCode::BAD_REQUEST,
                    format!("{name}: the upload broke off: {error}"),
                )
            }
        })
}

/// A file of the folder, refused past the input limit before it is read.
fn read_limited(path: &Path, name: &str) -> Result<Vec<u8>, ApiError> {
    let io_error =
        |e: std::io::Error| ApiError::from(FolderError::Io(name.to_string(), e.to_string()));
    if std::fs::metadata(path).map_err(io_error)?.len() > INPUT_LIMIT {
        return Err(ApiError::too_large(name));
    }
    std::fs::read(path).map_err(io_error)
}

/// The name an upload is recorded under: its file name only, never a path.
fn upload_name(given: Option<&str>) -> String {
    given
        .and_then(|name| Path::new(name).file_name())
        .map(|name| name.to_string_lossy().into_owned())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "upload".into())
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn relative_to(path: &Path, folder: &Folder) -> String {
    let root = folder.root().canonicalize().unwrap_or_default();
    path.strip_prefix(&root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

fn content_type(format: Format) -> &'static str {
    match format {
        Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        Format::Docx => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Format::Csv => "text/csv; charset=utf-8",
        Format::Markdown => "text/markdown; charset=utf-8",
        Format::Yaml => "application/yaml; charset=utf-8",
        Format::Json => "application/json",
    }
}

/// `Content-Disposition` for a Chinese file name: RFC 6266's `filename*` in UTF-8, and a plain
/// ASCII `filename` for clients that know only that.
fn attachment(name: &str) -> String {
    let encoded: String = name
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'.' | b'-' | b'_' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect();
    let extension = Path::new(name)
        .extension()
        .map_or(String::new(), |e| format!(".{}", e.to_string_lossy()));
    format!("attachment; filename=\"register{extension}\"; filename*=UTF-8''{encoded}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chinese_download_name_is_encoded() {
        assert_eq!(
            attachment("分解表.xlsx"),
            "attachment; filename=\"register.xlsx\"; filename*=UTF-8''%E5%88%86%E8%A7%A3%E8%A1%A8.xlsx"
        );
    }

    #[test]
    fn an_upload_keeps_only_its_file_name() {
        assert_eq!(upload_name(Some("../../etc/通知.txt")), "通知.txt");
        assert_eq!(upload_name(Some("..")), "upload");
        assert_eq!(upload_name(None), "upload");
    }
}
