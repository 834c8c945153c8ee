//! Reads that may take longer than a frame (a filter over 100k customers, a search) run on a
//! worker thread with its own connection, so keys never wait: the screen asks, draws a spinner,
//! and takes the answer when it arrives. Only the newest question counts: questions asked while
//! the worker was busy are skipped but for the last, and an answer to an older one is dropped.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::{Duration, Instant};

use crate::clock::Clock;
use crate::store::Store;

/// The work a screen hands to its worker: a read of the store for one question.
pub(crate) type Work<Q, A> = fn(&Store, Q) -> anyhow::Result<A>;

/// A worker thread answering one screen's questions with its own connection to the database.
pub(crate) struct Background<Q, A> {
    questions: Sender<(u64, Q)>,
    answers: Receiver<(u64, anyhow::Result<A>)>,
    /// The number of the last question asked.
    asked: u64,
    /// When the question still unanswered was asked (`None` when nothing is waited for).
    waiting_since: Option<Instant>,
}

impl<Q: Send + 'static, A: Send + 'static> Background<Q, A> {
    /// Starts the worker; it opens the database at `path` on its first question.
    pub(crate) fn start(path: PathBuf, clock: Clock, work: Work<Q, A>) -> Self {
        let (questions, inbox) = mpsc::channel::<(u64, Q)>();
        let (outbox, answers) = mpsc::channel();
        std::thread::spawn(move || {
            let mut store: Option<Store> = None;
            while let Ok(mut question) = inbox.recv() {
                // Only the newest question is worth answering.
                while let Ok(newer) = inbox.try_recv() {
                    question = newer;
                }
                let (number, q) = question;
                let answer = match &store {
                    Some(s) => work(s, q),
                    None => match Store::open(&path, clock) {
                        Ok(s) => work(store.insert(s), q),
                        Err(e) => Err(e.into()),
                    },
                };
                if outbox.send((number, answer)).is_err() {
                    break;
                }
            }
        });
        Self { questions, answers, asked: 0, waiting_since: None }
    }

    /// Asks `question`; earlier questions' answers will be dropped.
    pub(crate) fn ask(&mut self, question: Q) {
        self.asked += 1;
        self.waiting_since = Some(Instant::now());
        if self.questions.send((self.asked, question)).is_err() {
            self.waiting_since = None;
        }
    }

    /// Stops waiting: the answer to the last question will be dropped too.
    pub(crate) fn forget(&mut self) {
        self.asked += 1;
        self.waiting_since = None;
    }

    /// The answer to the last question, if it has arrived (older answers are dropped).
    pub(crate) fn take(&mut self) -> Option<anyhow::Result<A>> {
        while let Ok((number, answer)) = self.answers.try_recv() {
            if number == self.asked {
                self.waiting_since = None;
                return Some(answer);
            }
        }
        None
    }

    /// Waits for the answer to the last question (at most `limit`); `None` when nothing is
    /// waited for or it did not come in time.
    pub(crate) fn wait(&mut self, limit: Duration) -> Option<anyhow::Result<A>> {
        let deadline = Instant::now() + limit;
        while self.waiting_since.is_some() {
            let left = deadline.checked_duration_since(Instant::now())?;
            match self.answers.recv_timeout(left) {
                Ok((number, answer)) if number == self.asked => {
                    self.waiting_since = None;
                    return Some(answer);
                }
                Ok(_) => {}
                Err(_) => return None,
            }
        }
        None
    }

    /// The answer to the last question: waiting for it up to `wait`, or only if it has
    /// already arrived when `wait` is `None`.
    pub(crate) fn answer(&mut self, wait: Option<Duration>) -> Option<anyhow::Result<A>> {
        match wait {
            Some(limit) => self.wait(limit),
            None => self.take(),
        }
    }

    /// How long the last question has waited, while it has.
    pub(crate) fn waiting_for(&self) -> Option<Duration> {
        self.waiting_since.map(|t| t.elapsed())
    }
}

impl<Q, A> std::fmt::Debug for Background<Q, A> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Background")
            .field("asked", &self.asked)
            .field("waiting", &self.waiting_since.is_some())
            .finish()
    }
}

/// The spinner's frame after `waited`: a braille dot turning every 80 ms.
pub(crate) fn spinner(waited: Duration) -> &'static str {
    const FRAMES: [&str; 10] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
    FRAMES[(waited.as_millis() / 80) as usize % FRAMES.len()]
}

/// How often the app looks for an answer while it waits for one (the spinner is redrawn
/// when it turns).
pub(crate) const ANSWER_POLL: Duration = Duration::from_millis(4);

#[cfg(test)]
mod tests {
    use super::*;

    fn echo(_: &Store, q: u32) -> anyhow::Result<u32> {
        std::thread::sleep(Duration::from_millis(20));
        Ok(q * 10)
    }

    #[test]
    fn only_the_last_question_is_answered() {
        let dir = tempfile::tempdir().unwrap();
        let mut worker = Background::start(dir.path().join("bg.db"), Clock::System, echo);
        assert!(worker.waiting_for().is_none());
        for q in 1..=5 {
            worker.ask(q);
        }
        assert!(worker.waiting_for().is_some());
        let answer = worker.wait(Duration::from_secs(10)).unwrap().unwrap();
        assert_eq!(answer, 50);
        assert!(worker.waiting_for().is_none() && worker.take().is_none());
    }
}
