// The application: owns the SyncEngine and the UI-only state, runs one frame
// (drain network -> reduce -> draw views -> apply intents -> flush to the socket).
// Each domain's side of the app (applying its views' intents, what it loads)
// is in that domain's folder: auth/app_auth.cpp, chat/app_chat.cpp,
// org/app_org.cpp (routing, data loading for the consoles, file uploads).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>

#include <nlohmann/json_fwd.hpp>

#include "client/app/shell/i18n.h"
#include "client/app/shell/persistence.h"
#include "client/app/ui/theme.h"
#include "client/app/shell/view_state.h"
#include "shared/sync/sync_engine.h"

namespace parta::ui {

class App {
 public:
  App();  // restores language and session token from localStorage

  void start();  // loads the outbox and the cache (persistence.h), then connects
  // One frame; call between ImGui::NewFrame() and ImGui::Render().
  void frame();
  // While the tab is hidden (no frames): drain the network, persist, notify.
  void background_tick();
  // Fonts were (re)built for a new device pixel ratio.
  void set_fonts(const Fonts& fonts) { fonts_ = fonts; }

  Screen screen() const;
  // The route shown: "login", "loading", "join", "apply", "code", "main", "admin", "operator", "profile".
  const char* route_label() const;
  // True while something still moves without input (e.g. a pending scroll jump).
  bool wants_another_frame() const { return settle_frames_ > 0; }
  // Opaque panels to paint before ImGui's draw data (see Backdrop).
  const std::vector<Backdrop>& backdrops() const { return backdrops_; }

  // The end-to-end test contract (window.partaTest.state()), as JSON.
  std::string test_snapshot_json(double dpr, std::uint64_t frames, double first_interactive_ms) const;
  // window.partaTest.persist(): the persistence figures, as JSON.
  std::string persistence_json() const { return persistence_.snapshot_json(engine_); }

 private:
  void drain_network();
  void apply_shell(ShellIntents& intents);
  void flush_outgoing();
  void persist();
  void draw_main(const ViewContext& ctx, const OrgContext& oc, Intents& intents);
  // auth/app_auth.cpp
  void apply_auth(AuthIntents& intents);
  void follow_login();  // a queued login goes out; the form's answer arrives
  // chat/app_chat.cpp
  void apply_chat(ChatIntents& intents);
  void apply_chat_op(ChatOp& op);
  // org/app_org.cpp
  void sync_route();
  void navigate(const Route& route, bool replace);
  void drain_files();
  void follow_session();
  void ensure_data();
  void apply_org(OrgIntents& intents);
  OrgContext org_context() const;
  OrgId pick_active_org() const;
  // The test hook's organization part (test_snapshot_org.cpp).
  void org_snapshot(nlohmann::json& out, double dpr) const;
  // The chat part (test_snapshot.cpp).
  void chat_snapshot(nlohmann::json& out) const;

  SyncEngine engine_;
  I18n i18n_;
  Fonts fonts_;
  ViewState view_;
  std::vector<Backdrop> backdrops_;
  int settle_frames_ = 0;  // frames still to draw after the last change
  std::uint32_t last_nav_id_ = 0, last_active_id_ = 0;  // ImGui's keyboard focus and active item last frame
  // A login submitted before the socket was connected, sent once it is.
  std::optional<std::pair<std::string, std::string>> queued_login_;
  std::uint64_t login_revision_ = 0;  // engine revision right after our login() call
  // Routing and org views.
  Route route_;
  bool route_read_ = false;       // the address bar was read once
  std::string origin_;
  OrgId active_org_;
  std::string loaded_key_;        // what ensure_data() last loaded (route, org, session)
  std::string inspected_token_;   // the link InspectInvite was sent for
  std::string joined_token_;      // the CHAT link JoinChat was sent for
  std::string land_in_chat_;      // after registering: the class chat to open
  bool awaiting_registration_ = false;  // a Register/ConfirmRegistration may log us in
  ChatId joined_seen_;            // org().joined_chat already opened
  std::int64_t profile_requested_ = 0;
  Status local_error_;            // a command the engine refused before sending
  std::string last_copied_;       // what the app put on the clipboard (test hook)
  std::string document_status_;   // "ok" or an error of the last document download
  std::uint64_t persisted_revision_ = ~0ull;
  std::string persisted_token_;
  Persistence persistence_;       // outbox and cache in IndexedDB
  A11yAnnouncer announcer_;       // new messages, read out by the mirror's live region
  std::vector<std::string> announcements_;  // this frame's (scratch)
  // Settings, notifications and the title (app_settings.cpp).
  void load_settings();
  bool apply_settings(ShellIntents& intents);  // true when something changed
  void set_chat_muted(ChatId chat, bool muted);
  void notify_and_title();                // after the network was drained
  void fill_settings_views();
  std::vector<std::int64_t> muted_chats_;  // localStorage "parta.muted"
  bool notifications_ = false;             // localStorage "parta.notify"
  std::unordered_map<std::int64_t, std::uint64_t> seen_seq_;  // newest message seen per chat
  bool seen_primed_ = false;
  std::string title_;                      // document.title as last set
  std::int64_t title_count_ = -1;          // the unread count in it
  long wake_timer_ = 0;           // platform timer for engine_.next_wakeup_ms()
  std::int64_t wake_at_ms_ = 0;
  void schedule_wakeup();
  static void on_wakeup(void* self);
};

}  // namespace parta::ui
