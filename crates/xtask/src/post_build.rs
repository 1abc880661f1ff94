//! `cargo xtask post-build`: trunk's `post_build` hook (Trunk.toml). It finishes the staged site
//! in `$TRUNK_STAGING_DIR` before trunk moves it to `dist/`:
//!
//! 1. **Content-Security-Policy.** index.html's CSP allows scripts from the site itself and, by
//!    hash, the inline scripts the build writes (trunk's loader; under `trunk serve` also its
//!    reload script). Their `'sha256-…'` sources (base64 of SHA-256 of the script text, exactly as
//!    in the file) replace the `INLINE_SCRIPT_HASHES` placeholder. `trunk serve` would write the
//!    server's address into its reload script when serving the page, after this hook, which
//!    would change the script and void its hash; so the hook writes the address in first, as the
//!    page's own `location.host`.
//! 2. **Service worker.** sw.js gets the build's version (a hash of every file's name and bytes)
//!    and the list of files to keep for offline use, so a new build is a new sw.js: the browser
//!    installs it and drops the old cache.

use std::path::{Path, PathBuf};

use base64::Engine;
use sha2::{Digest, Sha256};

use crate::util::Result;

/// The CSP placeholder in index.html.
pub const HASHES_PLACEHOLDER: &str = "INLINE_SCRIPT_HASHES";
/// sw.js placeholders: a string literal and an array literal.
pub const VERSION_PLACEHOLDER: &str = "\"__CONVLAB_VERSION__\"";
pub const FILES_PLACEHOLDER: &str = "[/* __CONVLAB_FILES__ */]";
pub const SERVICE_WORKER: &str = "sw.js";

pub fn run(args: &[String]) -> Result<()> {
    if !args.is_empty() {
        return Err(format!("post-build takes no arguments, got {args:?}").into());
    }
    let staging = std::env::var_os("TRUNK_STAGING_DIR")
        .map(PathBuf::from)
        .ok_or("post-build runs as trunk's post_build hook: TRUNK_STAGING_DIR is not set")?;
    finish(&staging)
}

/// Rewrites index.html and sw.js in a staged (or built) site folder.
pub fn finish(site: &Path) -> Result<()> {
    let index = site.join("index.html");
    let html = std::fs::read_to_string(&index)
        .map_err(|e| format!("cannot read {}: {e}", index.display()))?;
    let public_url = std::env::var("TRUNK_PUBLIC_URL").unwrap_or_default();
    let html = with_reload_address(&html, &public_url);
    std::fs::write(&index, with_script_hashes(&html)?)?;

    let worker = site.join(SERVICE_WORKER);
    let script = std::fs::read_to_string(&worker)
        .map_err(|e| format!("cannot read {}: {e}", worker.display()))?;
    let files = site_files(site)?;
    let version = version_of(site, &files)?;
    std::fs::write(&worker, with_file_list(&script, &version, &files)?)?;
    eprintln!(
        "post-build: CSP hashes written; {SERVICE_WORKER} version {version}, {} files",
        files.len()
    );
    Ok(())
}

/// The texts of the page's inline scripts (`<script>` elements without `src`), as written.
pub fn inline_scripts(html: &str) -> Vec<&str> {
    let lower = html.to_ascii_lowercase();
    let mut scripts = Vec::new();
    let mut at = 0;
    while let Some(start) = lower[at..].find("<script").map(|i| at + i) {
        let Some(open_end) = lower[start..].find('>').map(|i| start + i + 1) else {
            break;
        };
        let Some(close) = lower[open_end..].find("</script").map(|i| open_end + i) else {
            break;
        };
        let tag = &lower[start..open_end];
        let has_src = tag
            .split(|c: char| c.is_ascii_whitespace())
            .any(|attribute| attribute.starts_with("src="));
        if !has_src {
            scripts.push(&html[open_end..close]);
        }
        at = close;
    }
    scripts
}

/// The placeholders `trunk serve` fills into its reload script when it serves the page.
const RELOAD_ADDRESS: &str = "'{{__TRUNK_ADDRESS__}}'";
const RELOAD_BASE: &str = "'{{__TRUNK_WS_BASE__}}'";

/// The page with trunk's reload script (present only under `trunk serve`) connecting to the
/// page's own host and the site's absolute base path, so serving leaves it, and its hash, as is.
pub fn with_reload_address(html: &str, public_url: &str) -> String {
    let base = if public_url.starts_with('/') {
        public_url
    } else {
        "/"
    };
    let base = format!("'{}'", base.replace(['\'', '\\'], ""));
    html.replace(RELOAD_ADDRESS, "window.location.host")
        .replace(RELOAD_BASE, &base)
}

/// The CSP source naming one inline script.
pub fn csp_hash(script: &str) -> String {
    let digest = Sha256::digest(script.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// index.html with the placeholder replaced by the hashes of its inline scripts.
pub fn with_script_hashes(html: &str) -> Result<String> {
    if !html.contains(HASHES_PLACEHOLDER) {
        return Err(format!("index.html has no {HASHES_PLACEHOLDER} in its CSP").into());
    }
    let hashes: Vec<String> = inline_scripts(html).into_iter().map(csp_hash).collect();
    // The CSP meta names no script of its own, so replacing the placeholder (inside an attribute)
    // does not change any script text, hence any hash.
    Ok(html.replace(HASHES_PLACEHOLDER, &hashes.join(" ")))
}

/// Every file of the site except the service worker itself, as sorted `./`-relative URLs.
pub fn site_files(site: &Path) -> Result<Vec<String>> {
    let mut files = Vec::new();
    let mut folders = vec![site.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let path = entry?.path();
            if path.is_dir() {
                folders.push(path);
                continue;
            }
            let relative = path
                .strip_prefix(site)?
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            if relative != SERVICE_WORKER {
                files.push(format!("./{relative}"));
            }
        }
    }
    files.sort();
    Ok(files)
}

/// 16 hex digits of SHA-256 over every file's name and bytes.
fn version_of(site: &Path, files: &[String]) -> Result<String> {
    let mut hasher = Sha256::new();
    for file in files {
        hasher.update(file.as_bytes());
        hasher.update([0]);
        hasher.update(std::fs::read(site.join(file.trim_start_matches("./")))?);
    }
    Ok(hasher
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect())
}

/// sw.js with its version and file list filled in.
pub fn with_file_list(script: &str, version: &str, files: &[String]) -> Result<String> {
    for placeholder in [VERSION_PLACEHOLDER, FILES_PLACEHOLDER] {
        if !script.contains(placeholder) {
            return Err(format!("{SERVICE_WORKER} has no {placeholder}").into());
        }
    }
    let list = serde_json::to_string(files)?;
    Ok(script
        .replace(VERSION_PLACEHOLDER, &serde_json::to_string(version)?)
        .replace(FILES_PLACEHOLDER, &list))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_inline_scripts_are_hashed() {
        let html = "<head><meta content=\"script-src 'self' INLINE_SCRIPT_HASHES\">\
            <script src=\"/a.js\"></script><SCRIPT type=\"module\">import x from './x.js';</SCRIPT>\
            <script>let reload = 1;</script></head>";
        assert_eq!(
            inline_scripts(html),
            ["import x from './x.js';", "let reload = 1;"]
        );
        let out = with_script_hashes(html).unwrap();
        assert!(out.contains(&format!(
            "'self' {} {}",
            csp_hash("import x from './x.js';"),
            csp_hash("let reload = 1;")
        )));
    }

    #[test]
    fn the_hash_is_the_one_browsers_compute() {
        // `printf 'alert(1);' | openssl dgst -sha256 -binary | base64`
        assert_eq!(
            csp_hash("alert(1);"),
            "'sha256-5jFwrAK0UV47oFbVg/iCCBbxD8X1w+QvoOUepu4C2YA='"
        );
    }

    #[test]
    fn a_new_build_is_a_new_service_worker() {
        let site = std::env::temp_dir().join(format!("convlab-post-build-{}", std::process::id()));
        std::fs::create_dir_all(site.join("mnist")).unwrap();
        let page = "<meta content=\"INLINE_SCRIPT_HASHES\"><script>go()</script>";
        let worker =
            "const VERSION = \"__CONVLAB_VERSION__\"; const FILES = [/* __CONVLAB_FILES__ */];";
        let build = |app: &str| {
            std::fs::write(site.join("index.html"), page).unwrap();
            std::fs::write(site.join("sw.js"), worker).unwrap();
            std::fs::write(site.join("app.js"), app).unwrap();
            std::fs::write(site.join("mnist/digits.bin"), [1, 2, 3]).unwrap();
            finish(&site).unwrap();
            std::fs::read_to_string(site.join("sw.js")).unwrap()
        };
        let first = build("v1");
        assert!(
            first.contains(r#"["./app.js","./index.html","./mnist/digits.bin"]"#),
            "{first}"
        );
        assert_eq!(build("v1"), first, "the same build, the same worker");
        assert_ne!(build("v2"), first, "one changed byte, a new worker");
        let html = std::fs::read_to_string(site.join("index.html")).unwrap();
        assert_eq!(html, page.replace(HASHES_PLACEHOLDER, &csp_hash("go()")));
        std::fs::remove_dir_all(&site).unwrap();
    }

    #[test]
    fn the_reload_script_is_fixed_before_it_is_hashed() {
        let html = "<script>const address = '{{__TRUNK_ADDRESS__}}';\n    const base = '{{__TRUNK_WS_BASE__}}';</script>";
        assert_eq!(
            with_reload_address(html, "/cnn/"),
            "<script>const address = window.location.host;\n    const base = '/cnn/';</script>"
        );
        assert!(with_reload_address(html, "./").contains("const base = '/';"));
        assert_eq!(with_reload_address("<p>x</p>", "/"), "<p>x</p>");
    }

    #[test]
    fn a_page_without_the_placeholder_is_refused() {
        assert!(with_script_hashes("<script>x</script>").is_err());
    }

    #[test]
    fn the_service_worker_gets_version_and_files() {
        let script =
            "const VERSION = \"__CONVLAB_VERSION__\";\nconst FILES = [/* __CONVLAB_FILES__ */];";
        let out =
            with_file_list(script, "0123", &["./index.html".into(), "./a b.js".into()]).unwrap();
        assert_eq!(
            out,
            "const VERSION = \"0123\";\nconst FILES = [\"./index.html\",\"./a b.js\"];"
        );
    }
}
