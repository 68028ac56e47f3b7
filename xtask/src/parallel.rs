//! Work spread over the cores, for the stages whose items are independent (the files a
//! description names, the files of the crate): scoped threads, each taking the next item.

use std::sync::atomic::{AtomicUsize, Ordering};

/// `f` of every item, on as many threads as there are cores (at most one per item). Each
/// thread takes the next item not taken, so put the largest first; results come in no
/// particular order.
pub fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(items.len());
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    while let Some(item) = items.get(next.fetch_add(1, Ordering::Relaxed)) {
                        done.push(f(item));
                    }
                    done
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}
