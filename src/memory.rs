//! Handing memory back to the system. glibc's allocator gives each thread that
//! allocates its own arena (up to eight per core) and keeps what is freed there for
//! reuse: after a big analysis on every core, the freed scratch stays resident, spread
//! over many arenas. The server holds few threads' worth of live data, so it asks for
//! two arenas, and returns free pages after the dump-wide joins. It also fixes the size
//! from which blocks are mapped on their own (glibc raises it as big blocks are freed, up
//! to 32 MB): an analysis's big scratch lists then go back to the system when freed
//! instead of leaving holes in the heap. Elsewhere (musl, other systems) all are no-ops.

/// Called once, before any thread starts.
pub fn limit_arenas() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // From glibc's malloc.h.
        const M_ARENA_MAX: i32 = -8;
        const M_MMAP_THRESHOLD: i32 = -3;
        unsafe extern "C" {
            fn mallopt(param: i32, value: i32) -> i32;
        }
        // SAFETY: mallopt only sets a tuning parameter of the allocator.
        unsafe {
            mallopt(M_ARENA_MAX, 2);
            mallopt(M_MMAP_THRESHOLD, 1 << 20);
        }
    }
}

/// Returns free pages of every arena to the system. It walks the free lists, so call it
/// after big work is done, not on every edit.
pub fn give_back() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        unsafe extern "C" {
            fn malloc_trim(pad: usize) -> i32;
        }
        // SAFETY: malloc_trim only releases memory the allocator holds free.
        unsafe {
            malloc_trim(0);
        }
    }
}

/// After a people join, off the keystroke path: the join's scratch memory goes back to
/// the system, and so do the regex caches of the big analysis before it (in the
/// background, see [`crate::parallel::release_regex_caches`]).
pub fn after_join() {
    crate::parallel::release_regex_caches();
    give_back();
}
