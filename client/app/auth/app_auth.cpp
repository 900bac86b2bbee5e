// The app's login side: the login views' intents (auth_intents.h), a login
// typed before the socket opened, and the login form's "pending" state.
#include "client/app/shell/app.h"

namespace parta::ui {

void App::apply_auth(AuthIntents& in) {
  const ClientState& s = engine_.state();
  if (in.login) {
    view_.auth.login.pending = true;
    if (s.connection == Connection::Connected) {
      engine_.login(in.login->first, in.login->second);
      login_revision_ = engine_.revision();
      if (!engine_.state().login_error.is_ok()) view_.auth.login.pending = false;  // refused locally
    } else {
      queued_login_ = std::move(*in.login);
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
}

// After the network was drained.
void App::follow_login() {
  const ClientState& s = engine_.state();
  // A login typed before the socket opened goes out as soon as it is connected.
  if (queued_login_ && s.connection == Connection::Connected && engine_.token().empty()) {
    engine_.login(queued_login_->first, queued_login_->second);
    queued_login_.reset();
    login_revision_ = engine_.revision();
  }
  // Our attempt has an answer: logged in, refused, or the connection dropped.
  LoginForm& form = view_.auth.login;
  if (form.pending && !queued_login_) {
    const bool answered = s.me.has_value() || (!s.login_error.is_ok() && engine_.revision() != login_revision_) ||
                          s.connection == Connection::Offline;
    if (answered) form.pending = false;
  }
}

}  // namespace parta::ui
