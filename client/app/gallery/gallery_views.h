// The UI gallery (#/gallery, view_gallery.cpp): every Parta widget in its
// states, drawn by the real views over a sample school (gallery_data.h).
#pragma once

#include <cstdint>
#include <string>

#include "client/app/chat/chat_views.h"
#include "client/app/shell/views.h"

namespace parta::ui {

struct GalleryView {
  bool built = false;             // the sample exists (made on first draw, again on a language change)
  Language language = Language::Ru;
  ClientState state;              // the sample school's chats
  Outbox outbox;                  // a pending and a failed send
  ChatView chat, narrow, info;    // the class chat wide, on a phone, and its info panel
  ChatListView list;
  std::string field_empty, field_filled, field_error, field_password;  // the form fields' sample values
  bool toggle = true;
  bool check = true;
  int radio = 0;
};

// The gallery over the whole screen; only appearance, language and navigation
// intents leave it. `now_ms`: the app's clock, the sample's time when built.
void draw_gallery(const ViewContext& ctx, GalleryView& view, UiProbe& probe, std::int64_t now_ms, Intents& out);

}  // namespace parta::ui
