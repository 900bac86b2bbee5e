// What the app keeps in the browser across reloads, and when it saves it:
//   - the outbox (messages not yet acknowledged): on every change, into IndexedDB
//     (platform persist_*) and, as a same-tick copy, into localStorage. Measured
//     (tests/e2e/reliability.test.mjs): a save to IndexedDB takes ~2 ms alone but up
//     to ~250 ms on a busy machine, and reloads 0-100 ms after Enter often came back
//     with IndexedDB's older copy; localStorage is synchronous and always had it.
//     The newest copy wins at restore; the copy also lists the last few sends, so
//     drafts of them in a cache that lagged behind are dropped;
//   - the client cache (chats, recent history, drafts): throttled to one write per
//     kCacheIntervalMs and when the page is hidden;
// and, at start-up, restores both once the store has loaded (the app connects only
// after that, so nothing restored can race the live session).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "shared/sync/outbox.h"

namespace parta {
class SyncEngine;
}

namespace parta::ui {

class Persistence {
 public:
  static constexpr double kCacheIntervalMs = 2000;

  // Starts loading the store (once).
  void start();
  // Once per frame, before the network: restores once the store is ready, then
  // saves what changed. True once restored (the app may connect).
  bool tick(SyncEngine& engine);
  bool restored() const { return restored_; }

  // window.partaTest.persist(): where things came from and how long it took.
  std::string snapshot_json(const SyncEngine& engine) const;

 private:
  void restore(SyncEngine& engine);
  void restore_outbox(SyncEngine& engine);
  bool save_outbox(const SyncEngine& engine);  // true if it wrote
  void remember_sends(const Outbox& outbox);
  void save_cache(const SyncEngine& engine);
  static void on_hide(void* self);
  static void on_cache_timer(void* self);

  SyncEngine* engine_ = nullptr;   // for the hide hook; the App owns both
  bool restored_ = false;
  std::uint64_t seen_revision_ = ~0ull;
  std::size_t seen_outbox_size_ = ~std::size_t{0};  // discard() does not bump the revision
  std::string saved_outbox_;       // Outbox::serialize() last written
  bool outbox_rewrite_ = false;    // restored from an older or other copy: write both
  std::int64_t outbox_generation_ = 0;  // newest copy wins at restore (IndexedDB vs localStorage)
  // The last few messages sent (kept with the localStorage copy): a stale cache's
  // drafts of them are dropped at restore.
  Outbox recent_;
  std::vector<std::string> recent_ids_;
  bool cache_dirty_ = false;
  bool cache_stored_ = false;      // a cache file exists
  long cache_timer_ = 0;           // pending throttled save; 0: none
  double cache_saved_at_ = -1e9;   // monotonic ms of the last cache write
  // Figures for the test hook.
  std::string outbox_source_ = "none";
  std::size_t outbox_restored_ = 0;
  double restore_ms_ = -1;
  double cache_restore_ms_ = -1;
  std::size_t cache_bytes_ = 0;
  std::string cache_status_ = "none";
  std::uint64_t outbox_writes_ = 0;
  std::uint64_t cache_writes_ = 0;
  double last_cache_serialize_ms_ = -1;
  std::size_t last_cache_bytes_ = 0;
};

}  // namespace parta::ui
