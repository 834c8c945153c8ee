//! `fieldbook assess`: the rep's self-assessment — sixteen statements rated 1 to 5, asked one
//! by one on a terminal, or given at once with `--answers 3,4,5,…` (scripts, tests); the
//! sitting is kept with today's date and read against the one before.

use std::io::{BufRead, IsTerminal, Write};

use super::Ctx;
use super::method;
use super::output::{self, FormatArg};
use crate::domain::assessment::{Answers, RATINGS, STATEMENTS};
use crate::ops::assessment;
use crate::playbook::assessment_view as view;

/// Arguments of `assess`.
#[derive(Debug, clap::Args)]
pub struct AssessArgs {
    /// The sixteen ratings (1 to 5) in the order of the statements, e.g. 3,4,5,…; without it a
    /// terminal asks them one by one.
    #[arg(long, value_name = "RATINGS")]
    pub answers: Option<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Takes a sitting and prints the four skills, the change since last time and where to read.
pub fn run(args: &AssessArgs, ctx: &mut Ctx) -> anyhow::Result<()> {
    let playbook = method::playbook(ctx);
    let answers = match &args.answers {
        Some(given) => Answers::parse(given)?,
        None if std::io::stdin().is_terminal() => match ask(ctx, &playbook)? {
            Some(answers) => answers,
            None => {
                ctx.tell(&ctx.i18n.t("cli.assess.nothing_saved"));
                return Ok(());
            }
        },
        None => return Err(ctx.fail("cli.assess.need_answers", &[])),
    };
    let today = ctx.today();
    let summary = assessment::take(ctx.store()?, today, &answers)?;
    if args.format.is_json() {
        return ctx.print(&output::json(&summary)?);
    }
    ctx.print(&view::lines(&ctx.i18n, &playbook, &summary).join("\n"))
}

/// Asks each statement on the terminal until it gets a rating; `None` when input ends.
fn ask(ctx: &Ctx, playbook: &crate::playbook::Playbook) -> anyhow::Result<Option<Answers>> {
    let statements = view::statements(playbook).ok_or_else(|| ctx.fail("cli.assess.incomplete_playbook", &[]))?;
    let i = &ctx.i18n;
    ctx.tell(&i.fmt("cli.assess.intro", &[("scale", &view::scale(i, playbook))]));
    let mut ratings = Vec::with_capacity(STATEMENTS);
    let mut input = std::io::stdin().lock();
    for (n, (skill, statement)) in statements.iter().enumerate() {
        let skill = view::skill_name(playbook, *skill);
        loop {
            let prompt = i.fmt("cli.assess.prompt", &[("n", &(n + 1)), ("skill", &skill), ("statement", statement)]);
            let mut err = std::io::stderr();
            write!(err, "{}", crate::text::printable(&prompt)).and_then(|()| err.flush())?;
            let mut line = String::new();
            if input.read_line(&mut line)? == 0 {
                return Ok(None);
            }
            match line.trim().parse::<u8>() {
                Ok(rating) if RATINGS.contains(&rating) => {
                    ratings.push(rating);
                    break;
                }
                _ => ctx.tell(&i.t("cli.assess.one_to_five")),
            }
        }
    }
    Ok(Some(Answers::new(&ratings)?))
}
