// The app's composition of every domain's view state: what the views keep
// between frames. A new domain adds its part here (and its intents in intents.h).
#pragma once

#include "client/app/auth/auth_views.h"
#include "client/app/chat/chat_views.h"
#include "client/app/gallery/gallery_views.h"
#include "client/app/org/org_views.h"
#include "client/app/shell/shell_views.h"
#include "client/app/shell/views.h"

namespace parta::ui {

struct ViewState {
  AuthViews auth;
  ChatViews chat;
  OrgViews org;
  GalleryView gallery;
  UiProbe probe;
  bool wants_frame = false;  // a view needs another frame to settle
};

}  // namespace parta::ui
