//! Regexes whose matching caches a thread can give back.
//!
//! A `regex::Regex` keeps a matching cache for each thread that has used it, and a static
//! one keeps them for the life of the process: after a big dump is analysed on every
//! core, the analysis's regexes hold megabytes on each of rayon's workers, though the
//! workers then sit idle until the next big dump. Here each thread matches with a clone
//! of its own, kept in a thread-local (a clone shares the compiled program and starts with
//! no cache), and [`release_here`] drops the calling thread's clones with their caches.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{LazyLock, OnceLock};

use regex::{Captures, Match, Regex};

/// A regex, compiled on first use, that each thread matches with a clone of its own.
pub struct ThreadRegex {
    shared: LazyLock<Regex>,
    /// Where the threads keep their clones, in [`CLONES`]; set on first use.
    slot: OnceLock<usize>,
}

/// Slots handed out so far.
static SLOTS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// This thread's clones, by slot; `None` where the thread has not used the regex
    /// since it last gave its caches back.
    static CLONES: RefCell<Vec<Option<Rc<Regex>>>> = const { RefCell::new(Vec::new()) };
}

impl ThreadRegex {
    pub const fn new(compile: fn() -> Regex) -> ThreadRegex {
        ThreadRegex {
            shared: LazyLock::new(compile),
            slot: OnceLock::new(),
        }
    }

    /// Calls `f` with this thread's clone of the regex.
    pub fn with<R>(&self, f: impl FnOnce(&Regex) -> R) -> R {
        let slot = *self
            .slot
            .get_or_init(|| SLOTS.fetch_add(1, Ordering::Relaxed));
        // Taken out of the cell before `f` runs: `f` may match with another regex.
        let regex = CLONES.with(|clones| {
            let mut clones = clones.borrow_mut();
            if clones.len() <= slot {
                clones.resize(slot + 1, None);
            }
            Rc::clone(clones[slot].get_or_insert_with(|| Rc::new(self.shared.clone())))
        });
        f(&regex)
    }

    pub fn is_match(&self, haystack: &str) -> bool {
        self.with(|re| re.is_match(haystack))
    }

    pub fn find<'h>(&self, haystack: &'h str) -> Option<Match<'h>> {
        self.with(|re| re.find(haystack))
    }

    pub fn captures<'h>(&self, haystack: &'h str) -> Option<Captures<'h>> {
        self.with(|re| re.captures(haystack))
    }
}

/// Drops the calling thread's clones, and their matching caches with them. The next
/// match on this thread clones the regex again, with an empty cache.
pub fn release_here() {
    CLONES.with(|clones| clones.borrow_mut().clear());
}

/// How many regexes the calling thread holds a clone of.
#[cfg(test)]
pub(crate) fn clones_here() -> usize {
    CLONES.with(|c| c.borrow().iter().flatten().count())
}

#[cfg(test)]
mod tests {
    use super::*;

    static WORD: ThreadRegex = ThreadRegex::new(|| Regex::new(r"\p{L}+").unwrap());
    static DIGITS: ThreadRegex = ThreadRegex::new(|| Regex::new(r"\d+").unwrap());

    #[test]
    fn each_thread_matches_with_its_own_clone_until_it_gives_it_back() {
        std::thread::spawn(|| {
            assert_eq!(clones_here(), 0);
            assert!(WORD.is_match("Émile"));
            assert_eq!(WORD.find("12 abc").map(|m| m.as_str()), Some("abc"));
            // One regex used inside another's call.
            let nested = WORD.with(|w| w.is_match("x") && DIGITS.is_match("7"));
            assert!(nested);
            assert_eq!(clones_here(), 2);
            release_here();
            assert_eq!(clones_here(), 0);
            assert_eq!(
                DIGITS.captures("a 42").map(|c| c[0].to_string()),
                Some("42".to_string())
            );
            assert_eq!(clones_here(), 1);
        })
        .join()
        .unwrap();
    }
}
