//! Work split over the machine's cores, on fixed threads: rayon's workers for big work,
//! one thread of its own for small work, and threads of their own for making answers.
//!
//! Fixed threads matter for memory: a regex keeps a matching cache for each thread using
//! it at the same time (megabytes a thread for the analysis's regexes), and the
//! server's blocking tasks run on threads that come and go. Small work has a thread of
//! its own because rayon takes work from outside its workers only once they have nothing
//! else to do: behind a big analysis under way (the people join of a big dump), an
//! edit's update would wait for all of it, and `didChange` makes such updates with the
//! documents locked.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, LazyLock};

use rayon::prelude::*;

/// Below this many items, one thread does all (an edit's update): splitting would cost
/// more than it saves.
const PARALLEL_FROM: usize = 64;

/// The thread for small work; without it (the system refused a thread), the caller's.
static SMALL: LazyLock<Option<rayon::ThreadPool>> = LazyLock::new(|| {
    rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .thread_name(|_| "newsdump-small".into())
        .build()
        .ok()
});

/// Threads for making answers from an analysis (positions converted, JSON written): no
/// regex runs there, so they keep no caches, and an answer (the outline of a big dump just
/// opened) does not wait behind a people join on rayon's workers; the system shares the
/// cores between both.
static ANSWERS: LazyLock<Option<rayon::ThreadPool>> = LazyLock::new(|| {
    rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("newsdump-answers-{i}"))
        .build()
        .ok()
});

/// Whether rayon's workers have been given work (and so may hold regex caches).
static WORKERS_USED: AtomicBool = AtomicBool::new(false);

/// Whether the small work's thread has been given work.
static SMALL_USED: AtomicBool = AtomicBool::new(false);

/// Drops the regex caches of rayon's workers (see [`crate::thread_regex`]), after big
/// work: they are needed again only by the next big analysis. The small work's thread
/// keeps its caches, which every edit uses, until a pause in typing (see
/// [`release_small_work_caches`]).
///
/// The caller does not wait: a worker takes the release only once done with the work it
/// has in hand, which may be its share of another document's analysis, and the server
/// asks while it holds a snapshot (an edit meanwhile would copy the document's
/// analysis). The last worker to give its caches back hands the memory back to the
/// system.
pub fn release_regex_caches() {
    // Broadcasting would start the workers of a server that has had only small work.
    if !WORKERS_USED.load(Ordering::Relaxed) {
        return;
    }
    let left = Arc::new(AtomicUsize::new(rayon::current_num_threads()));
    rayon::spawn_broadcast(move |_| {
        crate::thread_regex::release_here();
        if left.fetch_sub(1, Ordering::AcqRel) == 1 {
            crate::memory::give_back();
        }
    });
}

/// Waits until each of rayon's workers is done with what it has been given, a release
/// of its caches included (each runs what is broadcast to it in order).
pub fn wait_for_workers() {
    rayon::broadcast(|_| ());
}

/// `f` over `items` in as many pieces as there are cores, the results in order.
pub fn in_parallel<'a, T: Sync, R: Send>(
    items: &'a [T],
    f: impl Fn(&'a [T]) -> Vec<R> + Sync,
) -> Vec<R> {
    if items.len() < PARALLEL_FROM {
        return small(items, f);
    }
    WORKERS_USED.store(true, Ordering::Relaxed);
    // `scope` runs its body on a worker; `par_chunks` alone would run one piece on the
    // calling thread.
    rayon::scope(|_| in_pieces(items, &f))
}

/// As [`in_parallel`], for work that makes answers: on threads of their own, and small
/// work on the caller's (it runs no regex, and the small work's thread may be busy with
/// the people join of a small dump).
pub fn in_parallel_for_answers<'a, T: Sync, R: Send>(
    items: &'a [T],
    f: impl Fn(&'a [T]) -> Vec<R> + Sync,
) -> Vec<R> {
    match &*ANSWERS {
        _ if items.len() < PARALLEL_FROM => f(items),
        Some(answers) => answers.install(|| in_pieces(items, &f)),
        None => in_parallel(items, f),
    }
}

/// Drops the regex caches of the small work's thread, which every edit uses, and hands
/// the memory back: for a pause in typing, when the people join is about to take memory
/// of its own (on another thread, maybe from another arena). The next edit matches with
/// empty caches. The caller does not wait.
pub fn release_small_work_caches() {
    if !SMALL_USED.load(Ordering::Relaxed) {
        return;
    }
    if let Some(small) = &*SMALL {
        release_on(small);
    }
}

/// Drops the regex caches of `pool`'s one thread, then hands memory back.
fn release_on(pool: &rayon::ThreadPool) {
    pool.spawn(|| {
        crate::thread_regex::release_here();
        crate::memory::give_back();
    });
}

/// `f` over `items` on the small work's thread.
fn small<'a, T: Sync, R: Send>(items: &'a [T], f: impl Fn(&'a [T]) -> Vec<R> + Sync) -> Vec<R> {
    SMALL_USED.store(true, Ordering::Relaxed);
    match &*SMALL {
        Some(small) => small.install(|| f(items)),
        None => f(items),
    }
}

/// `f` over `items` in a piece for each thread of the pool it runs on.
fn in_pieces<'a, T: Sync, R: Send>(
    items: &'a [T],
    f: &(impl Fn(&'a [T]) -> Vec<R> + Sync),
) -> Vec<R> {
    let size = items.len().div_ceil(rayon::current_num_threads()).max(1);
    let pieces: Vec<Vec<R>> = items.par_chunks(size).map(f).collect();
    pieces.into_iter().flatten().collect()
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::sync::{Condvar, Mutex};

    use super::*;
    use crate::thread_regex::{ThreadRegex, clones_here};

    /// On a pool of two, one worker is held in a job, and the other asks for the release
    /// with a job of its own queued: a worker that waits for a broadcast runs its queued
    /// jobs meanwhile, so were the release to wait for the held worker, that job would run
    /// before the release returned. (The release goes to the pool it is asked from; rayon's
    /// own is left alone, not to hold up other tests.)
    #[test]
    fn releasing_regex_caches_waits_for_no_busy_worker() {
        // As after a big analysis: a release before any is a no-op.
        WORKERS_USED.store(true, Ordering::Relaxed);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .unwrap();
        let gate = Arc::new((Mutex::new(false), Condvar::new()));
        let open = {
            let gate = gate.clone();
            move || {
                *gate.0.lock().unwrap() = true;
                gate.1.notify_all();
            }
        };
        let (held, is_held) = mpsc::channel();
        pool.spawn(move || {
            held.send(()).unwrap();
            let mut opened = gate.0.lock().unwrap();
            while !*opened {
                opened = gate.1.wait(opened).unwrap();
            }
        });
        is_held.recv().unwrap();
        let returned = Arc::new(AtomicBool::new(false));
        let (seen, was_seen) = mpsc::channel();
        pool.install(|| {
            let was_returned = returned.clone();
            rayon::spawn(move || {
                seen.send(was_returned.load(Ordering::SeqCst)).unwrap();
                open();
            });
            release_regex_caches();
            returned.store(true, Ordering::SeqCst);
        });
        assert!(
            was_seen.recv().unwrap(),
            "the release waited for the busy worker"
        );
    }

    /// On a pool of one of its own, as the small work's thread is: the release runs
    /// before the work asked for after it.
    #[test]
    fn a_thread_of_its_own_gives_its_caches_back() {
        static WORD: ThreadRegex = ThreadRegex::new(|| regex::Regex::new(r"\w+").unwrap());
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        let held = pool.install(|| {
            assert!(WORD.is_match("word"));
            clones_here()
        });
        assert_eq!(held, 1);
        release_on(&pool);
        assert_eq!(pool.install(clones_here), 0);
    }
}
