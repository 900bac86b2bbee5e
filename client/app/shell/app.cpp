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
  const ClientState& s = engine_.state();
  // A login typed before the socket opened goes out as soon as it is connected.
  if (queued_login_ && s.connection == Connection::Connected && engine_.token().empty()) {
    engine_.login(queued_login_->first, queued_login_->second);
    queued_login_.reset();
    login_revision_ = engine_.revision();
  }
  // Our attempt has an answer: logged in, refused, or the connection dropped.
  LoginForm& form = view_.login;
  if (form.pending && !queued_login_) {
    const bool answered = s.me.has_value() || (!s.login_error.is_ok() && engine_.revision() != login_revision_) ||
                          s.connection == Connection::Offline;
    if (answered) form.pending = false;
  }
}

void App::frame() {
  const std::uint64_t revision_before = engine_.revision();
  view_.wants_frame = false;
  if (persistence_.tick(engine_)) platform::socket_start();  // idempotent
  // The engine's clock (typing indicators expire) and the views' (edit windows, deadlines).
  const std::int64_t now = platform::now_ms();
  engine_.tick(now);
  view_.chat.now_ms = now;
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
  view_.chat.stored_draft = engine_.draft(s.open_chat);  // restored when the chat is shown
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
    draw_gallery(ctx, view_, intents);
  } else switch (screen()) {
    case Screen::Loading: draw_loading(ctx); break;
    case Screen::Login:
      switch (route_.kind) {
        case RouteKind::Join: draw_join(ctx, oc, view_, intents); break;
        case RouteKind::Apply: draw_apply(ctx, oc, view_.apply, view_.probe, intents); break;
        case RouteKind::CodeLogin: draw_code_login(ctx, oc, view_.code_login, view_.probe, intents); break;
        default: draw_login(ctx, view_.login, view_.probe, intents); break;
      }
      break;
    case Screen::Main: draw_main(ctx, oc, intents); break;
  }
  if (view_.profile_user != 0 && route_.kind != RouteKind::Gallery) draw_profile_card(ctx, oc, view_.profile_user, view_.probe, intents);
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

  const bool acted = intents.login || intents.logout || intents.language || intents.open_chat.valid() ||
                     intents.load_older.valid() || intents.send || intents.mark_read || intents.discard ||
                     !intents.commands.empty() || intents.navigate || intents.pick_file || intents.copy ||
                     intents.open_document || intents.show_profile || intents.select_org || intents.clear_error || intents.close_chat ||
                     !intents.chat_ops.empty() || intents.open_url;
  const bool settings_changed = apply_settings(intents);
  apply(intents);
  apply_org(intents);
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
  if (route_.kind == RouteKind::Join) return draw_join(ctx, oc, view_, intents);
  if (route_.kind == RouteKind::Apply) return draw_apply(ctx, oc, view_.apply, view_.probe, intents);
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
    case RouteKind::Admin: draw_admin(ctx, oc, content, view_.admin, view_.probe, intents); break;
    case RouteKind::Operator: draw_operator(ctx, oc, content, view_.op, view_.probe, intents); break;
    case RouteKind::Profile: draw_profile(ctx, oc, content, view_.profile, view_.probe, intents); break;
    default: {
      // Narrow screens show one pane: the list, or the open chat with a back button.
      view_.chat.narrow = content.GetWidth() < 640 * d;
      if (view_.chat.narrow) {
        if (ctx.state.find_chat(ctx.state.open_chat)) draw_chat(ctx, content, view_.chat, view_, intents);
        else draw_chat_list(ctx, content, view_.chat_list, view_.probe, intents);
        break;
      }
      const float list_w =
          std::round(std::clamp(content.GetWidth() * 0.3f, std::min(260 * d, content.GetWidth() * 0.45f), 360 * d));
      const ImRect list(content.Min, ImVec2(content.Min.x + list_w, content.Max.y));
      const ImRect chat(ImVec2(list.Max.x, content.Min.y), content.Max);
      draw_chat_list(ctx, list, view_.chat_list, view_.probe, intents);
      draw_chat(ctx, chat, view_.chat, view_, intents);
      break;
    }
  }
}

void App::apply(Intents& in) {
  const ClientState& s = engine_.state();
  if (in.language && *in.language != i18n_.language()) {
    i18n_.set_language(*in.language);
    platform::storage_set(kLanguageKey, language_code(*in.language));
    platform::set_document_language(language_code(*in.language));
    view_.wants_frame = true;
  }
  if (in.login) {
    view_.login.pending = true;
    if (s.connection == Connection::Connected) {
      engine_.login(in.login->first, in.login->second);
      login_revision_ = engine_.revision();
      if (!engine_.state().login_error.is_ok()) view_.login.pending = false;  // refused locally
    } else {
      queued_login_ = std::move(in.login);
    }
  }
  if (in.logout) {
    engine_.logout();
    // Nothing of the last person stays on a shared computer.
    const Route route = route_;
    view_ = ViewState{};
    announcer_.reset();
    queued_login_.reset();
    loaded_key_.clear();
    inspected_token_.clear();
    joined_token_.clear();
    land_in_chat_.clear();
    awaiting_registration_ = false;
    profile_requested_ = 0;
    // A registration link stays open (logging out to register is why we are here).
    if (route.kind != RouteKind::Join) navigate(Route{}, true);
  }
  if (in.open_chat.valid()) engine_.open_chat(in.open_chat);
  if (in.close_chat) engine_.close_chat();
  if (in.load_older.valid()) engine_.load_older(in.load_older);
  if (in.send) {
    const Status sent = engine_.send_message(in.send->chat, in.send->message, platform::random_id(), platform::now_ms());
    if (!sent.is_ok()) view_.chat.send_error = i18n_.error(sent.code());
  }
  for (ChatOp& op : in.chat_ops) apply_chat_op(op);
  if (in.open_url) platform::open_url(*in.open_url);
  if (in.mark_read) engine_.mark_read(in.mark_read->first, in.mark_read->second);
  if (in.discard) {
    engine_.outbox().discard(*in.discard);
    persisted_revision_ = ~0ull;  // the engine's revision does not see this one
    view_.wants_frame = true;
  }
}

// One view intent on a chat -> one engine call. A refusal (the policy, a
// closed poll) shows where the person acted: the composer's error line.
void App::apply_chat_op(ChatOp& op) {
  const std::int64_t now = platform::now_ms();
  Status st;
  switch (op.kind) {
    case ChatOp::Kind::Edit: st = engine_.edit_message(op.chat, op.seq, op.text, std::move(op.ids), now); break;
    case ChatOp::Kind::Delete: st = engine_.delete_message(op.chat, op.seq, now); break;
    case ChatOp::Kind::Pin: st = engine_.pin_message(op.chat, op.seq, op.flag); break;
    case ChatOp::Kind::Vote: st = engine_.vote(op.chat, op.seq, std::move(op.choices)); break;
    case ChatOp::Kind::ClosePoll: st = engine_.close_poll(op.chat, op.seq); break;
    case ChatOp::Kind::Settings: st = engine_.set_chat_settings(op.chat, op.settings); break;
    case ChatOp::Kind::MemberRole: st = engine_.set_member_role(op.chat, UserId{op.user}, op.role); break;
    case ChatOp::Kind::Mute: st = engine_.mute_member(op.chat, UserId{op.user}, op.flag); break;
    case ChatOp::Kind::Remove: st = engine_.remove_member(op.chat, UserId{op.user}); break;
    case ChatOp::Kind::Typing: engine_.typing(op.chat, now); break;
    case ChatOp::Kind::Search: st = engine_.search(op.chat, op.text); break;
    case ChatOp::Kind::SearchMore: engine_.search_more(); break;
    case ChatOp::Kind::ClearSearch: engine_.clear_search(); break;
    case ChatOp::Kind::Jump: engine_.jump_to(op.chat, op.seq); break;
    case ChatOp::Kind::ClearJump: engine_.clear_jump(); break;
    case ChatOp::Kind::Draft: engine_.set_draft(op.chat, std::move(op.text), op.seq); break;
  }
  if (!st.is_ok()) view_.chat.send_error = i18n_.error(st.code());
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
