// The browser cache of chats and recent history (pb::ClientCache, kept in
// IndexedDB): built from the state, and shown again before the session is back.
// Pure; the engine adds drafts and binds it to the logged-in user.
#pragma once

#include <cstddef>

#include "shared/chat/chat_state.h"

namespace parta {

// Every chat as listed, and for each loaded chat the newest `max_messages` of its
// window with its cursor (catch-up resumes from there).
pb::ClientCache make_client_cache(const ClientState& state, UserId user, std::size_t max_messages);

// Shows the cached chats (state.from_cache = true until the next ChatList). A
// cached window that is not ascending, or holds messages past its cursor, is
// not trusted: that chat comes back without history.
void reduce_cached(ClientState& state, const pb::ClientCache& cache);

}  // namespace parta
