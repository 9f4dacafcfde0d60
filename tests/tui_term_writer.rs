//! The writer that drops redundant cursor moves never changes what the terminal shows, and
//! sends fewer bytes: every screen of the seed, drawn both ways into a terminal emulator.

use std::cell::RefCell;
use std::io::Write;
use std::rc::Rc;

use budget_workbench::tui::app::App;
use budget_workbench::tui::i18n::Lang;
use budget_workbench::tui::keymap::Keymap;
use budget_workbench::tui::term_writer::ThriftyWriter;
use budget_workbench::tui::theme::Theme;
use budget_workbench::tui::ui;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};

#[derive(Clone, Default)]
struct Shared(Rc<RefCell<Vec<u8>>>);

impl Write for Shared {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.borrow_mut().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn options(w: u16, h: u16) -> TerminalOptions {
    TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, w, h)),
    }
}

fn screen(bytes: &[u8], w: u16, h: u16) -> String {
    use std::num::NonZero;
    let mut parser = vt100::Parser::new(NonZero::new(h).unwrap(), NonZero::new(w).unwrap(), 0);
    parser.process(bytes);
    parser.screen().contents_formatted()
}

#[test]
fn same_screen_fewer_bytes_on_every_tab() {
    for (w, h) in [(80, 24), (120, 40)] {
        let plain_out = Shared::default();
        let thrifty_out = Shared::default();
        let mut plain =
            Terminal::with_options(CrosstermBackend::new(plain_out.clone()), options(w, h))
                .unwrap();
        let mut thrifty = Terminal::with_options(
            CrosstermBackend::new(ThriftyWriter::new(thrifty_out.clone())),
            options(w, h),
        )
        .unwrap();
        let mut app = App::new(
            budget_workbench::store::sample(),
            None,
            Lang::Zh,
            false,
            Theme::new(true, false),
            Keymap::default(),
        );
        for key in "1jjj2jj3jjlj4jjjjllj5jjj".chars() {
            app.handle_key(KeyEvent::new(KeyCode::Char(key), KeyModifiers::NONE));
            plain.draw(|f| ui::draw(f, &app)).unwrap();
            thrifty.draw(|f| ui::draw(f, &app)).unwrap();
            let (p, t) = (plain_out.0.borrow(), thrifty_out.0.borrow());
            assert_eq!(screen(&p, w, h), screen(&t, w, h), "after {key} at {w}x{h}");
        }
        let (p, t) = (plain_out.0.borrow().len(), thrifty_out.0.borrow().len());
        assert!(t < p, "{t} bytes, not fewer than {p}");
    }
}
