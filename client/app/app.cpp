// The frame: drain the socket into the engine, draw the screen from its state,
// turn the views' intents into engine calls, flush the engine's frames, persist.
#include "client/app/app.h"

#include <algorithm>
#include <cmath>

#include "client/app/base64.h"
#include "client/platform/platform.h"

namespace parta::ui {
namespace {

constexpr const char* kTokenKey = "parta.token";
constexpr const char* kOutboxKey = "parta.outbox";
constexpr const char* kLanguageKey = "parta.lang";
constexpr int kSettleFrames = 2;

}  // namespace

App::App() {
  Language lang = Language::Ru;
  if (!parse_language(platform::storage_get(kLanguageKey), lang)) lang = Language::Ru;
  i18n_.set_language(lang);
  platform::set_document_language(language_code(lang));

  persisted_token_ = platform::storage_get(kTokenKey);
  engine_.set_token(persisted_token_);

  // Messages typed before a reload (and not acknowledged) are sent again.
  persisted_outbox_ = platform::storage_get(kOutboxKey);
  if (!persisted_outbox_.empty()) {
    std::string bytes;
    if (!base64_decode(persisted_outbox_, bytes) || !engine_.outbox().restore(bytes).is_ok()) {
      platform::storage_remove(kOutboxKey);
      persisted_outbox_.clear();
    }
  }
}

void App::start() { platform::socket_start(); }

Screen App::screen() const {
  if (engine_.state().me) return Screen::Main;
  if (!engine_.token().empty()) return Screen::Loading;  // resuming the saved session
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
  drain_network();
  flush_outgoing();

  view_.probe.clear();
  view_.wants_frame = false;
  backdrops_.clear();
  const ClientState& s = engine_.state();
  const ViewContext ctx{s, engine_.outbox(), i18n_, fonts_, backdrops_};
  Intents intents;

  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(vp->Pos);
  ImGui::SetNextWindowSize(vp->Size);
  ImGui::Begin("##root", nullptr,
               ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                   ImGuiWindowFlags_NoBringToFrontOnFocus | ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoNavFocus |
                   ImGuiWindowFlags_NoBackground);  // the GL clear already paints it
  switch (screen()) {
    case Screen::Loading: draw_loading(ctx); break;
    case Screen::Login: draw_login(ctx, view_.login, view_.probe, intents); break;
    case Screen::Main: {
      const float d = fonts_.dpr;
      const ImRect all(vp->Pos, ImVec2(vp->Pos.x + vp->Size.x, vp->Pos.y + vp->Size.y));
      const float bar_h = std::round(56 * d);
      const float list_w = std::round(std::clamp(all.GetWidth() * 0.3f, std::min(260 * d, all.GetWidth() * 0.45f), 360 * d));
      const ImRect bar(all.Min, ImVec2(all.Max.x, all.Min.y + bar_h));
      const ImRect list(ImVec2(all.Min.x, bar.Max.y), ImVec2(all.Min.x + list_w, all.Max.y));
      const ImRect chat(ImVec2(list.Max.x, bar.Max.y), all.Max);
      draw_top_bar(ctx, bar, view_.probe, intents);
      draw_chat_list(ctx, list, view_.probe, intents);
      draw_chat(ctx, chat, view_.chat, view_, intents);
      break;
    }
  }
  ImGui::End();

  const bool acted = intents.login || intents.logout || intents.language || intents.open_chat.valid() ||
                     intents.load_older.valid() || intents.send || intents.mark_read || intents.discard;
  apply(intents);
  flush_outgoing();
  persist();
  // Something changed: draw a few more frames so ImGui settles (focus requests,
  // auto-sized windows and the new state each take a frame to show).
  if (acted || view_.wants_frame || engine_.revision() != revision_before) settle_frames_ = kSettleFrames;
  else if (settle_frames_ > 0) --settle_frames_;
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
    view_.login = LoginForm{};
    view_.chat = ChatView{};
    queued_login_.reset();
  }
  if (in.open_chat.valid()) engine_.open_chat(in.open_chat);
  if (in.load_older.valid()) engine_.load_older(in.load_older);
  if (in.send) {
    const Status sent = engine_.send_text(in.send->chat, in.send->text, platform::random_id(), platform::now_ms());
    if (!sent.is_ok()) view_.chat.send_error = i18n_.error(sent.code());
  }
  if (in.mark_read) engine_.mark_read(in.mark_read->first, in.mark_read->second);
  if (in.discard) {
    engine_.outbox().discard(*in.discard);
    persisted_revision_ = ~0ull;  // the engine's revision does not see this one
    view_.wants_frame = true;
  }
}

void App::flush_outgoing() {
  // Frames for a closed socket are dropped: the engine resends what matters
  // (outbox, resume) after reconnecting.
  for (const std::string& frame : engine_.take_outgoing()) platform::socket_send(frame);
}

void App::persist() {
  if (engine_.revision() == persisted_revision_) return;
  persisted_revision_ = engine_.revision();
  if (engine_.token() != persisted_token_) {
    persisted_token_ = engine_.token();
    if (persisted_token_.empty()) platform::storage_remove(kTokenKey);
    else platform::storage_set(kTokenKey, persisted_token_);
  }
  std::string outbox = engine_.outbox().empty() ? std::string() : base64_encode(engine_.outbox().serialize());
  if (outbox != persisted_outbox_) {
    persisted_outbox_ = std::move(outbox);
    if (persisted_outbox_.empty()) platform::storage_remove(kOutboxKey);
    else platform::storage_set(kOutboxKey, persisted_outbox_);
  }
}

}  // namespace parta::ui
