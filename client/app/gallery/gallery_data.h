// Sample data for the UI gallery (#/gallery): a made-up school whose chats hold
// a message in every state the history can draw (own, others', a teacher's,
// edited, deleted, a reply, a mention, links and emoji, pinned, pending and
// failed sends) and a poll in every state (open, voted, anonymous and closed,
// a quiz). Built from the same types the server's frames fill, so the gallery
// draws the real views over it. Pure data: no ImGui, no I/O.
#pragma once

#include <cstdint>

#include "client/app/shell/i18n.h"
#include "shared/chat/chat_state.h"
#include "shared/sync/outbox.h"

namespace parta::ui {

struct GallerySample {
  ClientState state;
  Outbox outbox;
};

// The sample in `lang` (names and texts are Russian or English), with message
// times counted back from `now_ms`. Its open chat is the class chat.
GallerySample make_gallery_sample(Language lang, std::int64_t now_ms);

// Ids of the sample's chats, for the gallery's sections.
inline constexpr std::int64_t kGalleryClassChat = 9001;
inline constexpr std::int64_t kGalleryDirectChat = 9002;
inline constexpr std::int64_t kGalleryAnnouncements = 9003;
inline constexpr std::int64_t kGalleryParents = 9004;

}  // namespace parta::ui
