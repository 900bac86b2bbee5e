// The app's persistence policy over the platform store: see persistence.h.
#include "client/app/shell/persistence.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string_view>

#include <nlohmann/json.hpp>

#include "client/app/ui/base64.h"
#include "client/platform/platform.h"
#include "shared/sync/sync_engine.h"

namespace parta::ui {
namespace {

constexpr const char* kOutboxFile = "outbox";                // "<generation>\n" + Outbox::serialize()
constexpr const char* kCacheFile = "cache";                  // SyncEngine::serialize_cache()
constexpr const char* kOutboxCopyKey = "parta.outbox.copy";  // localStorage: "<generation>:<outbox>:<recent>", base64
constexpr std::size_t kRecentSends = 8;  // sent texts remembered with the copy (see restore)
constexpr const char* kLegacyOutboxKey = "parta.outbox";     // localStorage, before IndexedDB: base64

struct Copy {
  std::int64_t generation = -1;  // -1: none
  std::string bytes;
  std::string recent;            // Outbox::serialize() of the last sends (localStorage copy only)
};

// "<digits><sep><payload>"
bool split_generation(std::string_view text, char sep, std::int64_t& generation, std::string_view& payload) {
  const std::size_t at = text.find(sep);
  if (at == std::string_view::npos || at == 0) return false;
  const auto [end, err] = std::from_chars(text.data(), text.data() + at, generation);
  if (err != std::errc{} || end != text.data() + at || generation < 0) return false;
  payload = text.substr(at + 1);
  return true;
}

Copy read_idb_copy() {
  Copy c;
  const std::string stored = platform::persist_get(kOutboxFile);
  std::string_view payload;
  if (!stored.empty() && split_generation(stored, '\n', c.generation, payload)) c.bytes = payload;
  else c.generation = -1;
  return c;
}

Copy read_local_copy(const char* key, bool legacy) {
  Copy c;
  const std::string stored = platform::storage_get(key);
  if (stored.empty()) return c;
  std::string_view payload = stored;
  if (!legacy && !split_generation(stored, ':', c.generation, payload)) return Copy{};
  std::string_view recent;
  if (const std::size_t at = payload.find(':'); at != std::string_view::npos) {
    recent = payload.substr(at + 1);
    payload = payload.substr(0, at);
  }
  if (!base64_decode(payload, c.bytes) || !base64_decode(recent, c.recent)) return Copy{};
  if (legacy) c.generation = 0;  // older than anything written since
  return c;
}

}  // namespace

void Persistence::start() {
  platform::persist_on_hide(&Persistence::on_hide, this);
  platform::persist_load_start();
}

bool Persistence::tick(SyncEngine& engine) {
  engine_ = &engine;
  if (!restored_) {
    if (!platform::persist_ready()) return false;
    restore(engine);
  }
  // The outbox at once (a reload right after Enter must find it), the cache throttled.
  if (engine.revision() != seen_revision_ || engine.outbox().items().size() != seen_outbox_size_) {
    seen_revision_ = engine.revision();
    seen_outbox_size_ = engine.outbox().items().size();
    cache_dirty_ = true;
    // A send also clears its draft: both go to IndexedDB in the same save, so a
    // reload never shows the sent text again in the composer.
    if (save_outbox(engine)) save_cache(engine);
  }
  // A timer rather than a frame: an idle page draws nothing.
  if (cache_dirty_ && cache_timer_ == 0) {
    const double wait = cache_saved_at_ + kCacheIntervalMs - platform::monotonic_ms();
    if (wait <= 0) save_cache(engine);
    else cache_timer_ = platform::timer_start(wait, &Persistence::on_cache_timer, this);
  }
  return true;
}

void Persistence::restore(SyncEngine& engine) {
  const double started = platform::monotonic_ms();
  // The cache first: chats to show at once. A cache that does not restore (an old
  // format, another user's) is dropped.
  const std::string cache = platform::persist_get(kCacheFile);
  cache_bytes_ = cache.size();
  cache_stored_ = !cache.empty();
  if (!cache.empty()) {
    const double t = platform::monotonic_ms();
    const Status st = engine.restore_cache(cache);
    cache_restore_ms_ = platform::monotonic_ms() - t;
    cache_status_ = st.is_ok() ? "restored" : "dropped: " + st.message();
    if (!st.is_ok()) {
      platform::persist_remove(kCacheFile);
      cache_stored_ = false;
    }
  }
  restore_outbox(engine);
  restore_ms_ = platform::monotonic_ms() - started;
  restored_ = true;
  cache_saved_at_ = started;  // what was just restored needs no immediate rewrite
}

void Persistence::restore_outbox(SyncEngine& engine) {
  // Three copies may exist: IndexedDB's, the localStorage copy written in the same
  // tick, and a legacy one from before IndexedDB. The newest wins; the server
  // dedupes by client id, so an older copy would only resend, never duplicate.
  const Copy idb = read_idb_copy();
  const Copy local = read_local_copy(kOutboxCopyKey, false);
  const Copy legacy = read_local_copy(kLegacyOutboxKey, true);
  // IndexedDB lags behind localStorage (a reload right after Enter): its cache may
  // still hold the drafts of messages sent since. A draft that is now a pending or
  // recently sent message goes, or the composer would offer it again.
  if (local.generation > idb.generation) {
    Outbox sent;
    if (sent.restore(local.recent).is_ok() && sent.restore(local.bytes).is_ok()) {
      for (const OutboxItem& item : sent.items()) {
        // The draft was saved while typing: the sent text starts with it.
        const pb::Draft* draft = engine.draft(item.chat);
        if (draft == nullptr) continue;
        std::string_view typed = draft->text();
        while (!typed.empty() && std::isspace(static_cast<unsigned char>(typed.back()))) typed.remove_suffix(1);
        if (std::string_view(item.text).substr(0, typed.size()) == typed) engine.set_draft(item.chat, {}, 0);
      }
    }
  }
  const Copy* best = &idb;
  outbox_source_ = "indexeddb";
  if (local.generation > best->generation) {
    best = &local;
    outbox_source_ = "localstorage";
  }
  if (legacy.generation > best->generation) {
    best = &legacy;
    outbox_source_ = "legacy";
  }
  if (best->generation < 0) outbox_source_ = "none";
  outbox_generation_ = std::max({idb.generation, local.generation, std::int64_t{0}});
  if (best->generation >= 0 && !best->bytes.empty() && engine.outbox().empty()) {
    if (engine.outbox().restore(best->bytes).is_ok()) outbox_restored_ = engine.outbox().items().size();
    else outbox_source_ += " (unreadable, dropped)";
  }
  // Migrated once: from now on the outbox lives in IndexedDB plus its copy.
  if (legacy.generation >= 0) platform::storage_remove(kLegacyOutboxKey);
  saved_outbox_ = best->bytes;
  if (!local.recent.empty() && recent_.restore(local.recent).is_ok()) {
    for (const OutboxItem& item : recent_.items()) recent_ids_.push_back(item.client_id);
  }
  // Both copies hold the winner from now on (written on the first tick).
  outbox_rewrite_ = best != &idb || best->generation != local.generation || legacy.generation >= 0;
}

bool Persistence::save_outbox(const SyncEngine& engine) {
  std::string bytes = engine.outbox().empty() ? std::string() : engine.outbox().serialize();
  if (bytes == saved_outbox_ && !outbox_rewrite_) return false;
  outbox_rewrite_ = false;
  saved_outbox_ = std::move(bytes);
  ++outbox_writes_;
  remember_sends(engine.outbox());
  // A generation that only grows, even when the clock steps back.
  outbox_generation_ = std::max(outbox_generation_ + 1, platform::now_ms());
  const std::string generation = std::to_string(outbox_generation_);
  platform::persist_put(kOutboxFile, generation + "\n" + saved_outbox_);
  platform::persist_flush();
  // Same-tick copy: localStorage writes are synchronous and survive an immediate reload.
  platform::storage_set(kOutboxCopyKey,
                        generation + ":" + base64_encode(saved_outbox_) + ":" + base64_encode(recent_.serialize()));
  return true;
}

void Persistence::remember_sends(const Outbox& outbox) {
  bool added = false;
  for (const OutboxItem& item : outbox.items()) {
    if (std::find(recent_ids_.begin(), recent_ids_.end(), item.client_id) != recent_ids_.end()) continue;
    recent_ids_.push_back(item.client_id);
    recent_.add(item.chat, item.text, item.client_id, item.created_at_ms);
    added = true;
  }
  if (!added || recent_.items().size() <= kRecentSends) return;
  // Keep the newest few.
  Outbox kept;
  const auto& items = recent_.items();
  for (std::size_t i = items.size() - kRecentSends; i < items.size(); ++i) {
    kept.add(items[i].chat, items[i].text, items[i].client_id, items[i].created_at_ms);
  }
  recent_ = std::move(kept);
  recent_ids_.erase(recent_ids_.begin(), recent_ids_.end() - static_cast<std::ptrdiff_t>(kRecentSends));
}

void Persistence::save_cache(const SyncEngine& engine) {
  // Logged in, the chat list not here yet: such a cache holds nothing to show and
  // would replace one that does (a reopened app then showed an empty list). It
  // stays dirty: the chat list's arrival saves it.
  const ClientState& s = engine.state();
  if (s.me && !s.chats_loaded) return;
  platform::timer_cancel(cache_timer_);
  cache_timer_ = 0;
  cache_dirty_ = false;
  cache_saved_at_ = platform::monotonic_ms();
  const double t = platform::monotonic_ms();
  const std::string bytes = engine.serialize_cache();
  last_cache_serialize_ms_ = platform::monotonic_ms() - t;
  last_cache_bytes_ = bytes.size();
  // Nothing to keep (logged out): nothing of the last person stays on the computer.
  if (bytes.empty()) {
    if (cache_stored_) platform::persist_remove(kCacheFile);
  } else {
    platform::persist_put(kCacheFile, bytes);
    ++cache_writes_;
  }
  cache_stored_ = !bytes.empty();
}

void Persistence::on_cache_timer(void* self) {
  auto* p = static_cast<Persistence*>(self);
  p->cache_timer_ = 0;
  if (p->engine_ != nullptr && p->cache_dirty_) p->save_cache(*p->engine_);
}

void Persistence::on_hide(void* self) {
  auto* p = static_cast<Persistence*>(self);
  if (p->engine_ == nullptr || !p->restored_) return;
  p->save_outbox(*p->engine_);
  if (p->cache_dirty_) p->save_cache(*p->engine_);
}

std::string Persistence::snapshot_json(const SyncEngine& engine) const {
  const platform::PersistStats& st = platform::persist_stats();
  auto ms = [](double v) { return v < 0 ? nlohmann::json(nullptr) : nlohmann::json(v); };
  nlohmann::json out = {
      {"ready", platform::persist_ready()},
      {"restored", restored_},
      {"durable", platform::persist_durable()},
      {"backend", st.backend},
      {"load_ms", ms(st.load_ms)},
      {"restore_ms", ms(restore_ms_)},
      {"outbox_source", outbox_source_},
      {"outbox_restored", outbox_restored_},
      {"outbox_writes", outbox_writes_},
      {"cache_status", cache_status_},
      {"cache_bytes", cache_bytes_},
      {"cache_restore_ms", ms(cache_restore_ms_)},
      {"cache_writes", cache_writes_},
      {"cache_dirty", cache_dirty_},
      {"last_cache_bytes", last_cache_bytes_},
      {"last_cache_serialize_ms", ms(last_cache_serialize_ms_)},
      {"from_cache", engine.state().from_cache},
      {"writes", st.writes},
      {"write_failures", st.write_failures},
      {"syncs", st.syncs},
      {"sync_failures", st.sync_failures},
      {"last_sync_ms", ms(st.last_sync_ms)},
      {"last_commit_ms", ms(st.last_commit_ms)},
      {"max_commit_ms", ms(st.max_commit_ms)},
      {"pending", st.pending},
  };
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace parta::ui

