//! Running the library on many inputs at once, on every core, without the GIL.
//!
//! [`parallel_map`] hands items to scoped threads one at a time from a shared counter (pages
//! differ a lot in size, so fixed chunks would leave a core idle), catches a panic so that it
//! costs its one item, and gives the results back in input order. Callers release the GIL around
//! it (`Python::detach`); nothing in here touches Python.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicUsize, Ordering};

use pyo3::exceptions::PyValueError;
use pyo3::PyResult;

/// The number of threads for `threads=`: all cores when `None`.
pub fn thread_count(requested: Option<usize>) -> PyResult<usize> {
    match requested {
        Some(0) => Err(PyValueError::new_err("threads must be at least 1")),
        Some(n) => Ok(n),
        None => Ok(std::thread::available_parallelism().map_or(1, |n| n.get())),
    }
}

/// `work(index, item)` for every item on up to `threads` threads, in input order; `None` where
/// `work` panicked.
pub fn parallel_map<T, R, F>(items: &[T], threads: usize, work: F) -> Vec<Option<R>>
where
    T: Sync,
    R: Send,
    F: Fn(usize, &T) -> R + Sync,
{
    let guarded =
        |index: usize, item: &T| catch_unwind(AssertUnwindSafe(|| work(index, item))).ok();
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        return items
            .iter()
            .enumerate()
            .map(|(i, item)| guarded(i, item))
            .collect();
    }
    let next = AtomicUsize::new(0);
    let mut results: Vec<Option<R>> = Vec::with_capacity(items.len());
    results.resize_with(items.len(), || None);
    let parts: Vec<Vec<(usize, Option<R>)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let index = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = items.get(index) else { break };
                        done.push((index, guarded(index, item)));
                    }
                    done
                })
            })
            .collect();
        // A worker only ends by running out of items: its panics are caught per item.
        handles
            .into_iter()
            .map(|handle| handle.join().unwrap_or_default())
            .collect()
    });
    for (index, result) in parts.into_iter().flatten() {
        results[index] = result;
    }
    results
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_input_order_and_a_panic_costs_one_item() {
        let items: Vec<u32> = (0..200).collect();
        for threads in [1, 2, 7] {
            let out = parallel_map(&items, threads, |i, &x| {
                assert_ne!(x, 13, "unlucky");
                (i as u32) * 10 + x
            });
            assert_eq!(out.len(), 200);
            assert_eq!(out[13], None);
            assert_eq!(out[12], Some(12 * 11));
            assert_eq!(out[199], Some(199 * 11));
        }
    }
}
