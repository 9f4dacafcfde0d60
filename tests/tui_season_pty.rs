//! `budget-workbench DIR` in a pseudo-terminal: the real binary opens the portfolio, a
//! department, records a decision, comes back with the document marked unsaved, and asks
//! before quitting; `y` quits and the file on disk is unchanged.

#[path = "support/pty.rs"]
mod pty;
use pty::Session;

#[test]
fn a_directory_opens_on_its_portfolio_in_a_real_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let season = tmp.path().join("season");
    std::fs::create_dir(&season).unwrap();
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::copy(root.join("tests/tui_fixture.json"), season.join("a.json")).unwrap();
    std::fs::copy(
        root.join("tests/fixtures/review_clean.json"),
        season.join("b.json"),
    )
    .unwrap();
    let before = std::fs::read(season.join("a.json")).unwrap();
    let mut s = Session::start(&season, tmp.path());
    let screen = s.wait_for("汇总 1/2");
    assert!(
        screen.contains("发改局") && screen.contains("测试局"),
        "{screen}"
    );
    s.send(b"\r");
    s.wait_for("部门概况");
    s.send(b"5");
    s.wait_for("检查 1/");
    s.send(b"m");
    s.wait_for("处置此发现");
    s.send(b"a");
    s.wait_for("备注");
    s.send(b"ok\r");
    s.wait_for("已记录处置");
    s.send(b"p");
    s.wait_for("+1 有未保存的文档");
    s.send(b"q");
    s.wait_for("有未保存的修改，仍然退出？");
    s.send(b"y");
    s.wait_exit();
    assert_eq!(std::fs::read(season.join("a.json")).unwrap(), before);
}
