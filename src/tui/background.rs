//! Reads that may take longer than a frame (a filter over 100k customers, a search) run on a
//! worker thread with its own connection, so keys never wait: the screen asks, draws a spinner,
//! and takes the answer when it arrives. One worker ([`Reader`]) serves every screen of the app
//! in turn, keeping its connection (and its prepared statements) from screen to screen. Only
//! each screen's newest question counts: an older one still waiting is skipped, one being read
//! is interrupted, and an answer to an older one is dropped; a screen that goes away takes its
//! questions with it.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use crate::clock::Clock;
use crate::store::Store;

/// The work a screen hands to the worker: a read of the store for one question.
pub(crate) type Work<Q, A> = fn(&Store, Q) -> anyhow::Result<A>;

/// One question on its way to the worker: skipped when its screen asked again (or went away)
/// before the worker came to it.
trait Job: Send {
    /// Whether a newer question of the same screen made this one worthless.
    fn stale(&self) -> bool;
    /// The screen's number for its newest question.
    fn latest(&self) -> &Arc<AtomicU64>;
    /// Reads the answer (or says why the database could not be opened) and sends it back.
    fn run(self: Box<Self>, store: Result<&Store, anyhow::Error>);
}

/// The question the worker is reading, to stop it when its screen asks again or goes away.
#[derive(Default)]
struct Running {
    /// The screen's newest number and the question's.
    job: Option<(Arc<AtomicU64>, u64)>,
    /// Set to stop the read under way (the connection looks at it while it reads).
    stop: Arc<AtomicBool>,
}

/// The app's worker thread and its connection, opened on the first question.
#[derive(Clone)]
pub(crate) struct Reader {
    jobs: Sender<Box<dyn Job>>,
    running: Arc<Mutex<Running>>,
    /// How many screens want the filter table held (see [`HeldTable`]): at none the worker
    /// drops it ([`TABLE_LINGER`] later).
    table_wanted: Arc<AtomicUsize>,
}

/// How long the worker keeps the filter table after the last screen wanting it was left: a
/// rep who looks at Today or a customer's search and comes back to the board or the customers
/// table finds it ready (reading it again takes 200–290 ms at 100k accounts, and a filter key
/// typed meanwhile waits for it); one who stays away has its 10–12 MB given back.
const TABLE_LINGER: Duration = Duration::from_secs(60);

impl Reader {
    /// Starts the worker; it opens the database at `path` on its first question.
    pub(crate) fn start(path: PathBuf, clock: Clock) -> Self {
        Self::start_keeping_table(path, clock, TABLE_LINGER)
    }

    /// [`Reader::start`], the filter table kept `linger` after the last screen wanting it left.
    fn start_keeping_table(path: PathBuf, clock: Clock, linger: Duration) -> Self {
        let (jobs, inbox) = mpsc::channel::<Box<dyn Job>>();
        let running = Arc::new(Mutex::new(Running::default()));
        let shared = Arc::clone(&running);
        let stop = Arc::clone(&running.lock().unwrap_or_else(PoisonError::into_inner).stop);
        let table_wanted = Arc::new(AtomicUsize::new(0));
        let wanted = Arc::clone(&table_wanted);
        std::thread::spawn(move || {
            let mut store: Option<Store> = None;
            // When the table no screen wants is dropped.
            let mut drop_at: Option<Instant> = None;
            loop {
                let next = match drop_at {
                    Some(at) => inbox.recv_timeout(at.saturating_duration_since(Instant::now())),
                    None => inbox.recv().map_err(|_| RecvTimeoutError::Disconnected),
                };
                match next {
                    Ok(job) => serve(job, &shared, &mut store, &path, clock, &stop),
                    Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) => break,
                }
                drop_at = match store.as_ref().filter(|s| wanted.load(Ordering::SeqCst) == 0 && s.holds_open_deals()) {
                    Some(s) => {
                        let at = drop_at.unwrap_or_else(|| Instant::now() + linger);
                        if Instant::now() >= at {
                            s.release_open_deals();
                            None
                        } else {
                            Some(at)
                        }
                    }
                    None => None,
                };
            }
        });
        Self { jobs, running, table_wanted }
    }

    /// Interrupts the read of the screen whose newest question is `latest` if the worker is
    /// at an older one of its questions.
    fn interrupt_older(&self, latest: &Arc<AtomicU64>) {
        let now = self.running.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some((whose, number)) = &now.job
            && Arc::ptr_eq(whose, latest)
            && *number != latest.load(Ordering::SeqCst)
        {
            now.stop.store(true, Ordering::SeqCst);
        }
    }
}

/// Runs `job` on the worker's connection (opened at `path` on the first question, and again
/// at the next one when that failed), unless a newer question of its screen made it stale.
fn serve(
    job: Box<dyn Job>,
    shared: &Mutex<Running>,
    store: &mut Option<Store>,
    path: &std::path::Path,
    clock: Clock,
    stop: &Arc<AtomicBool>,
) {
    {
        let mut now = shared.lock().unwrap_or_else(PoisonError::into_inner);
        if job.stale() {
            return;
        }
        now.job = Some((Arc::clone(job.latest()), job.latest().load(Ordering::SeqCst)));
        now.stop.store(false, Ordering::SeqCst);
    }
    let opened = match store {
        Some(s) => Ok(&*s),
        None => open(path, clock, stop).map(|s| &*store.insert(s)),
    };
    job.run(opened);
    shared.lock().unwrap_or_else(PoisonError::into_inner).job = None;
}

/// The worker's connection, its reads stopped while `stop` is set.
fn open(path: &std::path::Path, clock: Clock, stop: &Arc<AtomicBool>) -> anyhow::Result<Store> {
    let mut store = Store::open(path, clock)?;
    store.stop_reads_while(Arc::clone(stop))?;
    Ok(store)
}

impl std::fmt::Debug for Reader {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Reader").finish_non_exhaustive()
    }
}

/// A question and the screen's work for it.
struct Asked<Q, A> {
    number: u64,
    latest: Arc<AtomicU64>,
    question: Q,
    work: Work<Q, A>,
    answers: Sender<(u64, anyhow::Result<A>)>,
}

impl<Q: Send, A: Send> Job for Asked<Q, A> {
    fn stale(&self) -> bool {
        self.latest.load(Ordering::SeqCst) != self.number
    }

    fn latest(&self) -> &Arc<AtomicU64> {
        &self.latest
    }

    fn run(self: Box<Self>, store: Result<&Store, anyhow::Error>) {
        let Asked { number, question, work, answers, .. } = *self;
        let answer = store.and_then(|s| work(s, question));
        // The screen may be gone: then nobody waits for the answer.
        let _ = answers.send((number, answer));
    }
}

/// A screen's line to the worker: its questions, and the answer to the last one.
pub(crate) struct Background<Q, A> {
    reader: Reader,
    work: Work<Q, A>,
    /// The number of the last question asked, shared with the worker to skip older ones.
    latest: Arc<AtomicU64>,
    outbox: Sender<(u64, anyhow::Result<A>)>,
    answers: Receiver<(u64, anyhow::Result<A>)>,
    /// The number of the last question asked.
    asked: u64,
    /// When the question still unanswered was asked (`None` when nothing is waited for).
    waiting_since: Option<Instant>,
}

impl<Q: Send + 'static, A: Send + 'static> Background<Q, A> {
    /// A line to `reader` answering with `work`; nothing is read until the first question.
    pub(crate) fn start(reader: &Reader, work: Work<Q, A>) -> Self {
        let (outbox, answers) = mpsc::channel();
        Self {
            reader: reader.clone(),
            work,
            latest: Arc::new(AtomicU64::new(0)),
            outbox,
            answers,
            asked: 0,
            waiting_since: None,
        }
    }

    /// Asks `question`; earlier questions are skipped or interrupted, their answers dropped.
    pub(crate) fn ask(&mut self, question: Q) {
        self.asked += 1;
        self.latest.store(self.asked, Ordering::SeqCst);
        self.reader.interrupt_older(&self.latest);
        self.waiting_since = Some(Instant::now());
        let job = Asked {
            number: self.asked,
            latest: Arc::clone(&self.latest),
            question,
            work: self.work,
            answers: self.outbox.clone(),
        };
        if self.reader.jobs.send(Box::new(job)).is_err() {
            self.waiting_since = None;
        }
    }

    /// Stops waiting: the last question is skipped or interrupted, its answer dropped.
    pub(crate) fn forget(&mut self) {
        self.asked += 1;
        self.latest.store(self.asked, Ordering::SeqCst);
        self.reader.interrupt_older(&self.latest);
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

impl<Q, A> Drop for Background<Q, A> {
    /// The screen is gone: its questions still waiting are skipped, the one being read stopped.
    fn drop(&mut self) {
        self.latest.store(u64::MAX, Ordering::SeqCst);
        self.reader.interrupt_older(&self.latest);
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

/// The filter table's work on the worker: read it unless the one held is still the
/// database's (at 100k accounts it takes longer than a frame).
fn hold_table(store: &Store, _: ()) -> anyhow::Result<()> {
    Ok(store.hold_open_deals()?)
}

/// A screen's want of the filter table the worker's connection holds (`Store::hold_open_deals`:
/// the board's filter and the customers filter match in it). The worker keeps the table while
/// any screen in the stack wants it and drops it (10–12 MB at 100k accounts) a minute after
/// the last one is gone ([`TABLE_LINGER`]), so Today, the report and the search do not carry it
/// for long.
pub(crate) struct HeldTable {
    reader: Reader,
    /// The table's reads, asked when the screen comes into view.
    reads: Background<(), ()>,
}

impl HeldTable {
    /// The screen wants the table; nothing is read until [`HeldTable::ask`].
    pub(crate) fn start(reader: &Reader) -> Self {
        reader.table_wanted.fetch_add(1, Ordering::SeqCst);
        Self { reader: reader.clone(), reads: Background::start(reader, hold_table) }
    }

    /// Has the worker read the table, unless the one it holds is still the database's, so
    /// the filter's first key finds it ready.
    pub(crate) fn ask(&mut self) {
        self.reads.ask(());
    }

    /// Takes the read's answer when it has come: nothing is shown of it (a table that could
    /// not be read is read again by the filter's next key, which says why if it fails again).
    pub(crate) fn settle(&mut self) {
        let _ = self.reads.take();
    }
}

impl Drop for HeldTable {
    /// The last screen wanting the table is gone: the worker (woken for that when idle) drops
    /// it [`TABLE_LINGER`] later unless a screen wants it again.
    fn drop(&mut self) {
        if self.reader.table_wanted.fetch_sub(1, Ordering::SeqCst) == 1 {
            let _ = self.reader.jobs.send(Box::new(Wake(Arc::new(AtomicU64::new(0)))));
        }
    }
}

impl std::fmt::Debug for HeldTable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HeldTable").field("reads", &self.reads).finish()
    }
}

/// A job that only wakes the worker, to look again whether a screen still wants the table.
struct Wake(Arc<AtomicU64>);

impl Job for Wake {
    fn stale(&self) -> bool {
        false
    }

    fn latest(&self) -> &Arc<AtomicU64> {
        &self.0
    }

    fn run(self: Box<Self>, _: Result<&Store, anyhow::Error>) {}
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

    /// Question 0 reads without end (until interrupted); any other is answered at once.
    fn endless_or_echo(store: &Store, q: u32) -> anyhow::Result<u32> {
        if q == 0 {
            store.read_without_end()?;
        }
        Ok(q * 10)
    }

    fn reader() -> (tempfile::TempDir, Reader) {
        let dir = tempfile::tempdir().unwrap();
        let reader = Reader::start(dir.path().join("bg.db"), Clock::System);
        (dir, reader)
    }

    #[test]
    fn only_the_last_question_is_answered() {
        let (_dir, reader) = reader();
        let mut worker = Background::start(&reader, echo);
        assert!(worker.waiting_for().is_none());
        for q in 1..=5 {
            worker.ask(q);
        }
        assert!(worker.waiting_for().is_some());
        let answer = worker.wait(Duration::from_secs(10)).unwrap().unwrap();
        assert_eq!(answer, 50);
        assert!(worker.waiting_for().is_none() && worker.take().is_none());
    }

    #[test]
    fn one_worker_answers_each_screen_its_own_questions() {
        let (_dir, reader) = reader();
        let mut board = Background::start(&reader, echo);
        let mut search = Background::start(&reader, echo);
        board.ask(1);
        search.ask(2);
        assert_eq!(search.wait(Duration::from_secs(10)).unwrap().unwrap(), 20);
        assert_eq!(board.wait(Duration::from_secs(10)).unwrap().unwrap(), 10);
    }

    /// A screen whose worker is reading its endless question 0.
    fn reading_without_end(reader: &Reader) -> Background<u32, u32> {
        let mut board = Background::start(reader, endless_or_echo);
        board.ask(0);
        while reader.running.lock().unwrap().job.is_none() {
            std::thread::yield_now();
        }
        board
    }

    /// Without the interrupt the first read never ends and the waits below fail.
    #[test]
    fn a_newer_question_stops_the_read_of_an_older_one() {
        let (_dir, reader) = reader();
        let mut board = reading_without_end(&reader);
        board.ask(3);
        assert_eq!(board.wait(Duration::from_secs(30)).unwrap().unwrap(), 30);
    }

    #[test]
    fn a_screen_that_goes_away_stops_its_read() {
        let (_dir, reader) = reader();
        drop(reading_without_end(&reader));
        let mut search = Background::start(&reader, echo);
        search.ask(4);
        assert_eq!(search.wait(Duration::from_secs(30)).unwrap().unwrap(), 40);
    }

    fn holds_table(store: &Store, _: ()) -> anyhow::Result<bool> {
        Ok(store.holds_open_deals())
    }

    /// Whether the reader holds the filter table now (asked through `ask`).
    fn asks_holds(ask: &mut Background<(), bool>) -> bool {
        ask.ask(());
        ask.wait(Duration::from_secs(30)).unwrap().unwrap()
    }

    /// The board and the customers table each want the table: it stays while either is in
    /// the stack and goes with the last (kept no time here; without the release it is still
    /// held at the end).
    #[test]
    fn the_table_is_dropped_when_no_screen_wants_it() {
        let dir = tempfile::tempdir().unwrap();
        let reader = Reader::start_keeping_table(dir.path().join("bg.db"), Clock::System, Duration::ZERO);
        let mut ask = Background::start(&reader, holds_table);
        let mut holds = || asks_holds(&mut ask);
        let mut board = HeldTable::start(&reader);
        board.ask();
        assert!(holds());
        let customers = HeldTable::start(&reader);
        drop(board);
        assert!(holds(), "the customers table still wants it");
        drop(customers);
        assert!(!holds());
    }

    /// Left for a moment (Today, then the board again), the table is still held: the board's
    /// first key finds it ready.
    #[test]
    fn the_table_is_kept_a_while_after_the_last_screen_wanting_it() {
        let (_dir, reader) = reader();
        let mut ask = Background::start(&reader, holds_table);
        let mut holds = || asks_holds(&mut ask);
        let mut board = HeldTable::start(&reader);
        board.ask();
        assert!(holds());
        drop(board);
        assert!(holds(), "still held after the board was left");
    }
}
