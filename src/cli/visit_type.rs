//! The visit-type options shared by `plan` and `visit`: `--type`, `--plan-from-type` (the action
//! plan starts from the type's in-visit checklist) and `--tick N` (items of that checklist done).

use super::Ctx;
use super::method;
use crate::domain::{VisitInput, VisitKind};
use crate::playbook::views::bullets;

/// The options; `#[command(flatten)]` them into a subcommand's args.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct VisitTypeArgs {
    /// Visit type: customer-visit, store-check, phone-follow-up, demonstration, after-sale-care,
    /// or a name of your own.
    #[arg(long = "type", value_name = "TYPE")]
    pub kind: Option<String>,
    /// Start the action plan from the type's in-visit checklist (--plan text is added after it).
    #[arg(long)]
    pub plan_from_type: bool,
    /// Item N of the type's in-visit checklist is done (repeat for several).
    #[arg(long, value_name = "N")]
    pub tick: Vec<u32>,
}

impl VisitTypeArgs {
    /// Sets the type, the action plan and the ticks of `input` (before it is validated).
    pub fn apply(&self, ctx: &Ctx, input: &mut VisitInput) -> anyhow::Result<()> {
        if let Some(kind) = &self.kind {
            input.kind = VisitKind::parse(kind)?;
        }
        if !self.plan_from_type && self.tick.is_empty() {
            return Ok(());
        }
        let playbook = method::playbook(ctx);
        let checklist = playbook.visit_type(&input.kind).map(|g| g.checklist.clone()).unwrap_or_default();
        if self.plan_from_type {
            if checklist.is_empty() {
                let name = playbook.visit_type_name(&input.kind);
                return Err(ctx.fail("playbook.visit_type.no_checklist", &[("type", &name)]));
            }
            let own = input.action_plan.trim();
            input.action_plan =
                if own.is_empty() { bullets(&checklist) } else { format!("{}\n{own}", bullets(&checklist)) };
        }
        if !self.tick.is_empty() {
            let total = checklist.len();
            if let Some(bad) = self.tick.iter().find(|n| **n == 0 || **n as usize > total) {
                let name = playbook.visit_type_name(&input.kind);
                return Err(ctx.fail("playbook.visit_type.bad_item", &[("n", bad), ("type", &name), ("total", &total)]));
            }
            input.ticks = Some(self.tick.clone());
        }
        Ok(())
    }
}
