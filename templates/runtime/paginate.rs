//! Streams over every item of a cursor-paged list.

use std::collections::HashSet;
use std::future::Future;

use futures_util::stream::{self, Stream, TryStreamExt};

use crate::error::Error;

struct State<B, F> {
    request: B,
    fetch: F,
    cursor: Option<String>,
    seen: HashSet<String>,
    done: bool,
}

/// The items of `first`'s page, then of each following one: `fetch` sends `request` with the
/// cursor set (none for the first page) and returns the page's items and the next cursor. The
/// stream ends when there is no next cursor, or when the API returns one it returned before
/// (which would otherwise loop for ever). An error ends it after being yielded.
pub(crate) fn paginate<'c, B, T, F, Fut>(
    first: B,
    fetch: F,
) -> impl Stream<Item = Result<T, Error>> + Send + 'c
where
    B: Clone + Send + 'c,
    T: Send + 'c,
    F: Fn(B, Option<String>) -> Fut + Send + 'c,
    Fut: Future<Output = Result<(Vec<T>, Option<String>), Error>> + Send + 'c,
{
    let state = State {
        request: first,
        fetch,
        cursor: None,
        seen: HashSet::new(),
        done: false,
    };
    stream::try_unfold(state, |mut st| async move {
        if st.done {
            return Ok(None);
        }
        let (items, next) = (st.fetch)(st.request.clone(), st.cursor.take()).await?;
        match next {
            Some(next) if !next.is_empty() && st.seen.insert(next.clone()) => {
                st.cursor = Some(next)
            }
            _ => st.done = true,
        }
        Ok(Some((stream::iter(items.into_iter().map(Ok)), st)))
    })
    .try_flatten()
}
