//! Work split over the machine's cores: plain threads, no runtime.

/// Below this many items, starting threads costs more than it saves (an edit's update).
const PARALLEL_FROM: usize = 64;

/// `f` over `items` in as many pieces as there are cores, the results in order.
pub fn in_parallel<'a, T: Sync, R: Send>(
    items: &'a [T],
    f: impl Fn(&'a [T]) -> Vec<R> + Sync,
) -> Vec<R> {
    if items.len() < PARALLEL_FROM {
        return f(items);
    }
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let size = items.len().div_ceil(cores).max(1);
    std::thread::scope(|scope| {
        let f = &f;
        let pieces: Vec<_> = items
            .chunks(size)
            .map(|chunk| scope.spawn(move || f(chunk)))
            .collect();
        pieces
            .into_iter()
            .flat_map(|p| p.join().expect("analysis thread panicked"))
            .collect()
    })
}
