//! Work split over the machine's cores, on rayon's fixed set of worker threads.
//!
//! Fixed threads matter for memory as much as for start-up cost: a regex keeps a
//! matching cache for each thread that uses it (in up to eight per-thread pools), so
//! fresh threads for every analysis left new caches behind each time.

use rayon::prelude::*;

/// Below this many items, one thread does all (an edit's update): splitting would cost
/// more than it saves.
const PARALLEL_FROM: usize = 64;

/// `f` over `items` in as many pieces as there are cores, the results in order. Small
/// work runs on the calling thread: rayon takes work from outside its workers only once
/// they have nothing else to do, so on the workers an edit's update would wait for the
/// whole of any big analysis under way (the people join of a big dump: seconds), and
/// `didChange` makes such updates with the documents locked.
pub fn in_parallel<'a, T: Sync, R: Send>(
    items: &'a [T],
    f: impl Fn(&'a [T]) -> Vec<R> + Sync,
) -> Vec<R> {
    if items.len() < PARALLEL_FROM {
        return f(items);
    }
    // `scope` runs its body on a worker; `par_chunks` alone would run one piece on the
    // calling thread.
    rayon::scope(|_| {
        let size = items.len().div_ceil(rayon::current_num_threads()).max(1);
        let pieces: Vec<Vec<R>> = items.par_chunks(size).map(&f).collect();
        pieces.into_iter().flatten().collect()
    })
}
