//! Work split over the machine's cores, on rayon's fixed set of worker threads.
//!
//! Fixed threads matter for memory as much as for start-up cost: a regex keeps a
//! matching cache for each thread that uses it (in up to eight per-thread pools), so
//! fresh threads for every analysis left new caches behind each time.

use rayon::prelude::*;

/// Below this many items, handing work to other threads costs more than it saves (an
/// edit's update).
const PARALLEL_FROM: usize = 64;

/// `f` over `items` in as many pieces as there are cores, the results in order.
pub fn in_parallel<'a, T: Sync, R: Send>(
    items: &'a [T],
    f: impl Fn(&'a [T]) -> Vec<R> + Sync,
) -> Vec<R> {
    if items.len() < PARALLEL_FROM {
        return f(items);
    }
    let size = items.len().div_ceil(rayon::current_num_threads()).max(1);
    let pieces: Vec<Vec<R>> = items.par_chunks(size).map(&f).collect();
    pieces.into_iter().flatten().collect()
}
