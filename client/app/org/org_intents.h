// What the organization views ask for: commands for the engine, the document
// upload and download, profiles, the active org; applied by App::apply_org
// (app_org.cpp). No ImGui here: tested natively.
#pragma once

#include <cstdint>

#include "client/app/shell/intent.h"
#include "shared/core/ids.h"
#include "shared/proto/parta.pb.h"

namespace parta::ui {

struct OrgIntents {
  IntentList<pb::ClientFrame> commands;        // organization commands for the engine
  bool pick_file = false;                      // open the file chooser (application document)
  Intent<std::int64_t> open_document;          // an application's document
  Intent<std::int64_t> show_profile;           // a member's profile card (0 closes it)
  Intent<OrgId> select_org;
  bool clear_error = false;                    // the person dismissed the error toast

  bool operator==(const OrgIntents&) const = default;
  bool any() const { return any_recorded(*this); }
};

}  // namespace parta::ui
