// The frame: drain the socket into the engine, draw the screen from its state,
// turn the views' intents into engine calls, flush the engine's frames, persist.
#include "client/app/shell/app.h"

#include <algorithm>
#include <cmath>

#include "client/app/ui/base64.h"
#include "client/app/ui/widgets.h"
#include "client/platform/platform.h"

namespace parta::ui {
namespace {

constexpr const char* kTokenKey = "parta.token";
constexpr const char* kLanguageKey = "parta.lang";
constexpr int kSettleFrames = 2;

}  // namespace

App::App() {
  Language lang = Language::Ru;
  if (!parse_language(platform::storage_get(kLanguageKey), lang)) lang = Language::Ru;
  i18n_.set_language(lang);
  platform::set_document_language(language_code(lang));

  // Tab, arrows, Enter and Space reach every item; the focused one gets a ring.
  ImGui::GetIO().ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;

  persisted_token_ = platform::storage_get(kTokenKey);
  engine_.set_token(persisted_token_);
  load_settings();  // theme and font scale before the first frame builds the fonts
}

// The outbox and the cache come back first (persistence.h); frame() connects after.
void App::start() { persistence_.start(); }

Screen App::screen() const {
  if (engine_.state().me) return Screen::Main;
  if (!engine_.token().empty()) {
    // Resuming the saved session: the cached chats show at once, if there are any.
    return engine_.state().from_cache ? Screen::Main : Screen::Loading;
  }
  return Screen::Login;
}

void App::drain_network() {
  platform::SocketEvent event;
  while (platform::socket_poll(event)) {
    switch (event.kind) {
      case platform::SocketEventKind::Connecting: engine_.on_connecting(); break;
      case platform::SocketEventKind::Open: engine_.on_connected(); break;
      case platform::SocketEventKind::Closed: engine_.on_disconnected(); break;
      case platform::SocketEventKind::Message:
        // Bytes that are not a ServerFrame: this connection can't be trusted any more.
        if (!engine_.on_bytes(event.bytes).is_ok()) platform::socket_reset();
        break;
    }
  }
  follow_login();
}

void App::frame() {
  const std::uint64_t revision_before = engine_.revision();
  view_.wants_frame = false;
  if (persistence_.tick(engine_)) platform::socket_start();  // idempotent
  // The engine's clock (typing indicators expire) and the views' (edit windows, deadlines).
  const std::int64_t now = platform::now_ms();
  engine_.tick(now);
  view_.chat.open.now_ms = now;
  sync_route();
  drain_network();
  notify_and_title();
  drain_files();
  follow_session();
  ensure_data();
  flush_outgoing();

  view_.probe.clear(platform::a11y_take_activation());
  backdrops_.clear();
  const ClientState& s = engine_.state();
  view_.chat.open.stored_draft = engine_.draft(s.open_chat);  // restored when the chat is shown
  fill_settings_views();
  const ViewContext ctx{s, engine_.outbox(), i18n_, fonts_, backdrops_, view_.wants_frame};
  const OrgContext oc = org_context();
  Intents intents;

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGui::Begin("##root", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNavFocus |
                   ImGuiWindowFlags_NoBackground);  // the GL clear already paints it
  if (route_.kind == RouteKind::Gallery) {
    draw_gallery(ctx, view_.gallery, view_.probe, view_.chat.open.now_ms, intents);
  } else switch (screen()) {
    case Screen::Loading: draw_loading(ctx); break;
    case Screen::Login:
      switch (route_.kind) {
        case RouteKind::Join: draw_join(ctx, oc, view_.org.join, view_.auth.login, view_.probe, intents); break;
        case RouteKind::Apply: draw_apply(ctx, oc, view_.org.apply, view_.probe, intents); break;
        case RouteKind::CodeLogin: draw_code_login(ctx, oc, view_.auth.code_login, view_.probe, intents); break;
        default: draw_login(ctx, view_.auth.login, view_.probe, intents); break;
      }
      break;
    case Screen::Main: draw_main(ctx, oc, intents); break;
  }
  if (view_.org.profile_user != 0 && route_.kind != RouteKind::Gallery) draw_profile_card(ctx, oc, view_.org.profile_user, view_.probe, intents);
  ImGui::End();
  draw_toast(ctx, oc, view_.probe, intents);
  ImGui::FocusRing(fonts_.dpr);
  // A click or a key may have changed what the views keep (a tab, a picker):
  // a few more frames let ImGui show it and resize the boxes that grew.
  const ImGuiIO& io = ImGui::GetIO();
  // (Not "an item is active": a focused text field is active while the page idles.)
  if (ImGui::IsMouseReleased(ImGuiMouseButton_Left) || io.InputQueueCharacters.Size > 0) {
    view_.wants_frame = true;
  }
  // Keyboard navigation moved (Tab, arrows) or a field was left: the mirror's
  // focus and the ring follow on the frames after it (ImGui settles a move over two).
  {
    const ImGuiContext& g = *ImGui::GetCurrentContext();
    if (g.NavId != last_nav_id_ || g.ActiveId != last_active_id_) view_.wants_frame = true;
    last_nav_id_ = g.NavId;
    last_active_id_ = g.ActiveId;
  }

  // Each domain applies its own intents (the shell's last: a route change
  // clears the error a command may have left).
  const bool acted = intents.any();
  const bool settings_changed = apply_settings(intents.shell);
  apply_auth(intents.auth);
  apply_chat(intents.chat);
  apply_org(intents.org);
  apply_shell(intents.shell);
  flush_outgoing();
  persist();
  // The accessibility mirror: this frame's items, and new messages read out.
  platform::a11y_sync(view_.probe.a11y);
  announcements_.clear();  // (also what arrived while the tab was hidden)
  announcer_.update(engine_.state(), i18n_, announcements_);
  for (const std::string& line : announcements_) platform::a11y_announce(line);
  schedule_wakeup();
  // Something changed: draw a few more frames so ImGui settles (focus requests,
  // auto-sized windows and the new state each take a frame to show).
  if (acted || settings_changed || view_.wants_frame || engine_.revision() != revision_before) settle_frames_ = kSettleFrames;
  else if (settle_frames_ > 0) --settle_frames_;
}

void App::draw_main(const ViewContext& ctx, const OrgContext& oc, Intents& intents) {
  // Links and the application form take the whole screen, as when logged out.
  if (route_.kind == RouteKind::Join) return draw_join(ctx, oc, view_.org.join, view_.auth.login, view_.probe, intents);
  if (route_.kind == RouteKind::Apply) return draw_apply(ctx, oc, view_.org.apply, view_.probe, intents);
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  const float d = fonts_.dpr;
  const ImRect all(vp->Pos, ImVec2(vp->Pos.x + vp->Size.x, vp->Pos.y + vp->Size.y));
  const float bar_h = std::round(56 * d);
  const float nav_h = std::round(44 * d);
  const ImRect bar(all.Min, ImVec2(all.Max.x, all.Min.y + bar_h));
  const ImRect nav(ImVec2(all.Min.x, bar.Max.y), ImVec2(all.Max.x, bar.Max.y + nav_h));
  const ImRect content(ImVec2(all.Min.x, nav.Max.y), all.Max);
  draw_top_bar(ctx, bar, view_.probe, intents);
  draw_nav(ctx, oc, nav, view_.probe, intents);
  switch (route_.kind) {
    case RouteKind::Admin: draw_admin(ctx, oc, content, view_.org.admin, view_.probe, intents); break;
    case RouteKind::Operator: draw_operator(ctx, oc, content, view_.org.op, view_.probe, intents); break;
    case RouteKind::Profile: draw_profile(ctx, oc, content, view_.org.profile, view_.probe, intents); break;
    default: {
      // Narrow screens show one pane: the list, or the open chat with a back button.
      view_.chat.open.narrow = content.GetWidth() < 640 * d;
      if (view_.chat.open.narrow) {
        if (ctx.state.find_chat(ctx.state.open_chat)) draw_chat(ctx, content, view_.chat.open, view_.probe, intents);
        else draw_chat_list(ctx, content, view_.chat.list, view_.probe, intents);
        break;
      }
      const float list_w =
          std::round(std::clamp(content.GetWidth() * 0.3f, std::min(260 * d, content.GetWidth() * 0.45f), 360 * d));
      const ImRect list(content.Min, ImVec2(content.Min.x + list_w, content.Max.y));
      const ImRect chat(ImVec2(list.Max.x, content.Min.y), content.Max);
      draw_chat_list(ctx, list, view_.chat.list, view_.probe, intents);
      draw_chat(ctx, chat, view_.chat.open, view_.probe, intents);
      break;
    }
  }
}

// The shell's intents: language, routes, the clipboard, links.
void App::apply_shell(ShellIntents& in) {
  if (in.language && *in.language != i18n_.language()) {
    i18n_.set_language(*in.language);
    platform::storage_set(kLanguageKey, language_code(*in.language));
    platform::set_document_language(language_code(*in.language));
    view_.wants_frame = true;
  }
  if (in.navigate) navigate(*in.navigate, false);
  if (in.copy) {
    platform::copy_text(*in.copy);
    last_copied_ = *in.copy;
  }
  if (in.open_url) platform::open_url(*in.open_url);
}

void App::flush_outgoing() {
  // Frames for a closed socket are dropped: the engine resends what matters
  // (outbox, resume) after reconnecting.
  for (const std::string& frame : engine_.take_outgoing()) platform::socket_send(frame);
}

// The engine has timed work (a typing line to clear, a refused send to retry):
// a timer wakes the loop for it, so an idle page still draws nothing until then.
void App::schedule_wakeup() {
  const std::int64_t at = engine_.next_wakeup_ms();
  if (at == wake_at_ms_) return;
  if (wake_timer_ != 0) platform::timer_cancel(wake_timer_);
  wake_timer_ = 0;
  wake_at_ms_ = at;
  if (at == 0) return;
  const double wait = static_cast<double>(std::max<std::int64_t>(at - platform::now_ms(), 0)) + 1;
  wake_timer_ = platform::timer_start(wait, &App::on_wakeup, this);
}

void App::on_wakeup(void* self) {
  App* app = static_cast<App*>(self);
  app->wake_timer_ = 0;
  app->wake_at_ms_ = 0;
  platform::request_redraw();
}

void App::persist() {
  persistence_.tick(engine_);  // the outbox at once, the cache throttled
  if (engine_.revision() == persisted_revision_) return;
  persisted_revision_ = engine_.revision();
  if (engine_.token() != persisted_token_) {
    persisted_token_ = engine_.token();
    if (persisted_token_.empty()) platform::storage_remove(kTokenKey);
    else platform::storage_set(kTokenKey, persisted_token_);
  }
}

}  // namespace parta::ui
