// The application: owns the SyncEngine and the UI-only state, runs one frame
// (drain network -> reduce -> draw views -> apply intents -> flush to the socket).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "client/app/i18n.h"
#include "client/app/theme.h"
#include "client/app/views.h"
#include "shared/sync_engine.h"

namespace parta::ui {

class App {
 public:
  App();  // restores language, session token and outbox from localStorage

  void start();  // opens the connection
  // One frame; call between ImGui::NewFrame() and ImGui::Render().
  void frame();
  // Fonts were (re)built for a new device pixel ratio.
  void set_fonts(const Fonts& fonts) { fonts_ = fonts; }

  Screen screen() const;
  // True while something still moves without input (e.g. a pending scroll jump).
  bool wants_another_frame() const { return settle_frames_ > 0; }
  // Opaque panels to paint before ImGui's draw data (see Backdrop).
  const std::vector<Backdrop>& backdrops() const { return backdrops_; }

  // The end-to-end test contract (window.partaTest.state()), as JSON.
  std::string test_snapshot_json(double dpr, std::uint64_t frames, double first_interactive_ms) const;

 private:
  void drain_network();
  void apply(Intents& intents);
  void flush_outgoing();
  void persist();

  SyncEngine engine_;
  I18n i18n_;
  Fonts fonts_;
  ViewState view_;
  std::vector<Backdrop> backdrops_;
  int settle_frames_ = 0;  // frames still to draw after the last change
  // A login submitted before the socket was connected, sent once it is.
  std::optional<std::pair<std::string, std::string>> queued_login_;
  std::uint64_t login_revision_ = 0;  // engine revision right after our login() call
  std::uint64_t persisted_revision_ = ~0ull;
  std::string persisted_token_;
  std::string persisted_outbox_;
};

}  // namespace parta::ui
