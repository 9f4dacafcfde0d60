//! Links the `budget-workbench` executable as position-dependent on Linux with glibc.
//!
//! A position-independent executable is relocated by the loader at every start: ≈26,000
//! relative relocations rewrite the pointer tables in `.data.rel.ro`, reading ≈620 KB of
//! `.rela.dyn` on the way, so every run (even `--version`) costs ≈1 MB more memory, and a
//! PDF import ≈1.8 MB (docs/performance.md). `-no-pie` is understood by every gcc and clang
//! that links Rust on Linux; packed relocations (`-z pack-relative-relocs`) would keep PIE
//! but need glibc ≥ 2.36 where the binary runs, so they are not used. Only the binaries
//! are linked this way: the library, tests and proc-macros are untouched.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    let env = std::env::var("CARGO_CFG_TARGET_ENV").unwrap_or_default();
    if os == "linux" && env == "gnu" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
}
