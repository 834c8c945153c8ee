//! Shared by the sales-method commands (`profile`, `checklist`, `brief`, `objection`, and the
//! visit type options): loading the playbook, reporting a broken override on stderr.

use super::Ctx;
use crate::playbook::Playbook;

/// The playbook in the user's language; a broken override file is reported on stderr and the
/// built-in playbook used.
pub fn playbook(ctx: &Ctx) -> Playbook {
    let (playbook, problem) = Playbook::load(ctx.i18n.lang(), &ctx.config_dir);
    if let Some(p) = problem {
        let path = p.path.display();
        let message = match p.line {
            Some(line) => {
                ctx.i18n.fmt("playbook.override_broken_at", &[("path", &path), ("line", &line), ("reason", &p.message)])
            }
            None => ctx.i18n.fmt("playbook.override_broken", &[("path", &path), ("reason", &p.message)]),
        };
        ctx.tell(&message);
    }
    playbook
}
