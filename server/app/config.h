// Server configuration: defaults, then a JSON file (--config), then command-line flags.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace parta::server {

// A platform operator to create (or update) at start-up.
struct OperatorConfig {
  std::string email;
  std::string password_file;  // its first line is the password
};

struct Config {
  std::string address = "127.0.0.1";        // interface to listen on
  std::uint16_t port = 8080;                // 0 picks a free port
  std::string data_dir = "data";            // holds parta.db
  std::string web_root = "build/wasm/web";  // static files of the web client
  bool web_root_given = false;              // set explicitly (no warning when missing)
  bool seed_demo = false;                   // create the demo school on an empty database
  std::string ready_file;                   // when listening, the port is written here
  std::string smtp_url;                     // e.g. smtp://127.0.0.1:2525; empty: mails go to the log
  std::string mail_from = "parta@localhost";  // sender of Parta's mails
  std::string public_url;                   // how people reach this server (links in mails); derived if empty
  std::vector<OperatorConfig> operators;    // --create-operator, or "operators" in the JSON file
};

struct ParseOutcome {
  std::optional<Config> config;  // set when the server should run
  int exit_code = 0;             // otherwise: exit with this (0 for --help, 2 for bad usage)
  std::string message;           // printed to stderr when not running
};

// Parses argv (argv[0] excluded) and loads --config FILE.json if given.
ParseOutcome parse_command_line(const std::vector<std::string>& args);
std::string usage_text();

}  // namespace parta::server
