//! What installs flinkscale without compiling it agrees with what the
//! release workflow makes (issue 25): `cargo binstall`'s metadata names the
//! release assets exactly, the wheel is the binary with its features, and
//! the fast pre-commit hooks pin this version's wheel and are the
//! from-source hooks but for how they install.

use regex::Regex;

fn toml_file(path: &str) -> toml::Value {
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn version() -> String {
    toml_file("Cargo.toml")["package"]["version"]
        .as_str()
        .unwrap()
        .to_owned()
}

/// The `build` job's targets and executable names.
fn release_targets(workflow: &str) -> Vec<(String, String)> {
    let build = &workflow[workflow.find("  build:").unwrap()..workflow.find("  wheels:").unwrap()];
    Regex::new(r"target: ([\w-]+), exe: ([\w.]+)")
        .unwrap()
        .captures_iter(build)
        .map(|c| (c[1].to_owned(), c[2].to_owned()))
        .collect()
}

/// binstall's template with its variables filled in.
fn render(template: &str, target: &str, version: &str, exe: &str) -> String {
    let ext = exe.strip_prefix("flinkscale").unwrap();
    template
        .replace("{ repo }", "https://github.com/flinkscale/flinkscale")
        .replace("{ name }", "flinkscale")
        .replace("{ version }", version)
        .replace("{ target }", target)
        .replace("{ bin }", "flinkscale")
        .replace("{ binary-ext }", ext)
}

#[test]
fn binstall_finds_the_assets_the_release_workflow_uploads() {
    let workflow = std::fs::read_to_string(".github/workflows/release.yml").unwrap();
    let manifest = toml_file("Cargo.toml");
    let binstall = &manifest["package"]["metadata"]["binstall"];
    let (url, dir) = (
        binstall["pkg-url"].as_str().unwrap(),
        binstall["bin-dir"].as_str().unwrap(),
    );
    assert_eq!(binstall["pkg-fmt"].as_str(), Some("tgz"));
    // How the workflow names and fills each asset.
    let name = Regex::new(r#"name="(flinkscale-\$\{GITHUB_REF_NAME\}-\$\{\{ matrix.target \}\})""#)
        .unwrap()
        .captures(&workflow)
        .expect("release.yml names the package directory")[1]
        .to_owned();
    assert!(workflow.contains(r#"tar czf "$name.tar.gz" "$name""#));
    assert!(workflow.contains(r#"cp "target/${{ matrix.target }}/release/${{ matrix.exe }}""#));
    assert!(
        workflow.contains("files: flinkscale-${{ github.ref_name }}-${{ matrix.target }}.tar.gz")
    );
    let targets = release_targets(&workflow);
    assert!(targets.len() >= 4, "{targets:?}");
    let v = "1.2.3";
    for (target, exe) in targets {
        let asset = name
            .replace("${GITHUB_REF_NAME}", &format!("v{v}"))
            .replace("${{ matrix.target }}", &target);
        assert_eq!(
            render(url, &target, v, &exe),
            format!(
                "https://github.com/flinkscale/flinkscale/releases/download/v{v}/{asset}.tar.gz"
            )
        );
        assert_eq!(render(dir, &target, v, &exe), format!("{asset}/{exe}"));
    }
}

#[test]
fn the_wheel_is_the_binary_with_links_for_every_platform_asked() {
    let pyproject = toml_file("pyproject.toml");
    assert_eq!(
        pyproject["build-system"]["build-backend"].as_str(),
        Some("maturin")
    );
    let maturin = &pyproject["tool"]["maturin"];
    assert_eq!(maturin["bindings"].as_str(), Some("bin"));
    assert!(maturin["features"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f.as_str() == Some("links")));
    assert_eq!(pyproject["project"]["name"].as_str(), Some("flinkscale"));
    let workflow = std::fs::read_to_string(".github/workflows/release.yml").unwrap();
    let wheels = &workflow[workflow.find("  wheels:").unwrap()..workflow.find("  sdist:").unwrap()];
    for target in [
        "x86_64-unknown-linux-gnu",
        "aarch64-unknown-linux-gnu",
        "x86_64-unknown-linux-musl",
        "aarch64-unknown-linux-musl",
        "x86_64-apple-darwin",
        "aarch64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(
            wheels.contains(&format!("target: {target},")),
            "no wheel for {target}"
        );
    }
    assert!(
        wheels.contains("flinkscale --version"),
        "each wheel is run where it was built"
    );
    assert!(
        workflow.contains("pypa/gh-action-pypi-publish") && workflow.contains("id-token: write")
    );
}

#[test]
fn the_fast_hooks_pin_this_versions_wheel_and_match_the_source_hooks() {
    let mirror = toml_file("pre-commit/pyproject.toml");
    let version = version();
    assert_eq!(
        mirror["project"]["version"].as_str(),
        Some(version.as_str())
    );
    let pin = format!("flinkscale=={version}");
    assert_eq!(
        mirror["project"]["dependencies"][0].as_str(),
        Some(pin.as_str())
    );
    // The same hooks, field for field, but for `language`.
    let hooks = |path: &str| -> Vec<String> {
        std::fs::read_to_string(path)
            .unwrap()
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(str::to_owned)
            .collect()
    };
    let fast = hooks("pre-commit/.pre-commit-hooks.yaml");
    let source = hooks(".pre-commit-hooks.yaml");
    assert_eq!(fast.len(), source.len());
    for (f, s) in fast.iter().zip(&source) {
        match (f.trim(), s.trim()) {
            ("language: python", "language: rust") => {}
            (f, s) => assert_eq!(f, s),
        }
    }
}
