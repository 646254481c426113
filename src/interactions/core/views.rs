//! Each guild's view of the data and the bounded renders: a guild with
//! news records sees the shipped data plus them, rebuilt after each change
//! (here or in another process); maps and locators render once per view and
//! key, in a bounded number of slots off the runtime.

use super::*;

/// A guild's view of the data: the shipped data plus its records.
pub(super) struct View {
    pub(super) generation: u64,
    pub(super) data: Arc<Dataset>,
}

/// Every guild's view of the data, rebuilt when its records change (here
/// or, with a shared store, in another process).
pub(super) struct Views {
    pub(super) shipped: Arc<Dataset>,
    pub(super) store: Arc<GuildStore>,
    pub(super) by_guild: Mutex<HashMap<u64, View>>,
    /// Numbers each rebuilt view, so caches never mix an old view's renders with a new one's.
    pub(super) generation: std::sync::atomic::AtomicU64,
}

impl Views {
    /// The data as this guild sees it, and a key naming that exact view.
    pub(super) fn of(&self, guild: Option<GuildId>) -> (String, Arc<Dataset>) {
        guild
            .and_then(|g| {
                lock(&self.by_guild)
                    .get(&g.get())
                    .map(|v| (format!("g{}:{}", g.get(), v.generation), v.data.clone()))
            })
            .unwrap_or_else(|| ("shipped".to_owned(), self.shipped.clone()))
    }

    pub(super) async fn rebuild(&self, guild: u64) {
        let records = self.store.get(guild).await.records;
        let generation = self
            .generation
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let mut views = lock(&self.by_guild);
        if records.is_empty() {
            views.remove(&guild);
        } else {
            views.insert(
                guild,
                View {
                    generation,
                    data: Arc::new(overlay::apply(&self.shipped, &records)),
                },
            );
        }
    }

    /// Rebuilds the view of each guild another process changes, for as
    /// long as the store reports such changes.
    pub(super) async fn follow(self: Arc<Self>) {
        let mut changed = self.store.changed_elsewhere();
        loop {
            match changed.recv().await {
                Ok(guild) => self.rebuild(guild).await,
                Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {
                    for guild in self.store.guild_ids() {
                        self.rebuild(guild).await;
                    }
                }
                Err(tokio::sync::broadcast::error::RecvError::Closed) => return,
            }
        }
    }
}

/// Renders waiting for a slot beyond which a request is refused politely
/// (`MISSIONBOT_RENDER_QUEUE`, default 256: a waiting map holds only its
/// query, and `/map` is deferred, so waiting is cheap).
pub(super) fn render_queue_max() -> usize {
    crate::config::count("MISSIONBOT_RENDER_QUEUE").unwrap_or(256)
}

/// Renders at once (`MISSIONBOT_RENDER_SLOTS`, default one per core: they
/// are CPU-bound and each holds a frame buffer), at least one.
pub(super) fn render_slots() -> usize {
    crate::config::count("MISSIONBOT_RENDER_SLOTS")
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// A rendered map with its reply, or the reply explaining why there is none.
pub(super) type RenderedMap = Result<Arc<(Reply, map::Png)>, Box<Reply>>;

/// Renders each key once, even when many requests for it arrive together;
/// later requests get the stored result at once.
pub(super) struct RenderCache<T> {
    pub(super) cells: Mutex<HashMap<String, Arc<tokio::sync::OnceCell<T>>>>,
}

impl<T: Clone> RenderCache<T> {
    pub(super) fn new() -> Self {
        Self {
            cells: Mutex::new(HashMap::new()),
        }
    }

    /// The stored result for `key`, or `render`'s. A render refused for
    /// lack of a slot ([`Busy`]) is not stored, so the next request tries again.
    pub(super) async fn get_or_render<F, Fut>(&self, key: &str, render: F) -> Result<T, Busy>
    where
        F: FnOnce() -> Fut,
        Fut: std::future::Future<Output = Result<T, Busy>>,
    {
        let cell = {
            let mut cells = lock(&self.cells);
            if cells.len() >= CACHE_LIMIT && !cells.contains_key(key) {
                cells.clear();
            }
            cells.entry(key.to_owned()).or_default().clone()
        };
        cell.get_or_try_init(render).await.cloned()
    }
}

/// Too many renders are waiting: try again later.
#[derive(Debug, Clone, Copy)]
pub(super) struct Busy;

/// Past this many entries a render cache starts again (queries are few; this only bounds memory).
pub(super) const CACHE_LIMIT: usize = 128;

impl Core {
    /// The data as this guild sees it.
    pub(super) fn data_for(&self, guild: Option<GuildId>) -> Arc<Dataset> {
        self.view_of(guild).1
    }

    /// The data as this guild sees it, with a key naming that exact view
    /// ("shipped", or the guild and the view's generation) for caches.
    pub(super) fn view_of(&self, guild: Option<GuildId>) -> (String, Arc<Dataset>) {
        self.views.of(guild)
    }

    /// Waits for a render slot; `None` when too many renders are already
    /// waiting (the caller answers without the picture, or says to retry).
    pub(super) async fn render_slot(&self) -> Option<tokio::sync::OwnedSemaphorePermit> {
        use std::sync::atomic::Ordering::SeqCst;
        if self.render_queue.fetch_add(1, SeqCst) >= self.render_queue_max {
            self.render_queue.fetch_sub(1, SeqCst);
            return None;
        }
        let permit = self.renders.clone().acquire_owned().await.ok();
        self.render_queue.fetch_sub(1, SeqCst);
        permit
    }
}
