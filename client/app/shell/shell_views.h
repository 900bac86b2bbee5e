// The shell's own views, around every domain's: the top bar, the switcher
// between the chats and the consoles, and the error toast.
#pragma once

#include "client/app/shell/views.h"

namespace parta::ui {

struct OrgContext;  // org/org_views.h

void draw_top_bar(const ViewContext& ctx, const ImRect& area, UiProbe& probe, Intents& out);
// The switcher between chats and the consoles (a strip under the top bar).
void draw_nav(const ViewContext& ctx, const OrgContext& oc, const ImRect& area, UiProbe& probe, Intents& out);
// An overlay: the error toast (the engine's last error or a local one).
void draw_toast(const ViewContext& ctx, const OrgContext& oc, UiProbe& probe, Intents& out);

}  // namespace parta::ui
