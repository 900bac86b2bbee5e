// Command-line and JSON configuration parsing.
#include "server/app/config.h"

#include <charconv>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace parta::server {

namespace {

ParseOutcome bad_usage(std::string message) {
  ParseOutcome out;
  out.exit_code = 2;
  out.message = std::move(message) + "\n" + usage_text();
  return out;
}

bool parse_port(const std::string& text, std::uint16_t& port) {
  unsigned value = 0;
  const auto* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end || value > 65535) return false;
  port = static_cast<std::uint16_t>(value);
  return true;
}

// Applies the JSON file's keys; unknown keys are an error so typos don't go unnoticed.
std::optional<std::string> load_json(const std::string& path, Config& config) {
  std::ifstream in(path);
  if (!in) return "cannot read config file " + path;
  std::stringstream text;
  text << in.rdbuf();
  auto json = nlohmann::json::parse(text.str(), nullptr, false);
  if (json.is_discarded() || !json.is_object()) return "config file " + path + " is not a JSON object";
  for (const auto& [key, value] : json.items()) {
    if (key == "address" && value.is_string()) {
      config.address = value.get<std::string>();
    } else if (key == "port" && value.is_number_unsigned() && value.get<unsigned>() <= 65535) {
      config.port = static_cast<std::uint16_t>(value.get<unsigned>());
    } else if (key == "data_dir" && value.is_string()) {
      config.data_dir = value.get<std::string>();
    } else if (key == "web_root" && value.is_string()) {
      config.web_root = value.get<std::string>();
      config.web_root_given = true;
    } else if (key == "seed_demo" && value.is_boolean()) {
      config.seed_demo = value.get<bool>();
    } else if ((key == "smtp_url" || key == "mail_from" || key == "public_url") && value.is_string()) {
      (key == "smtp_url" ? config.smtp_url : key == "mail_from" ? config.mail_from : config.public_url) =
          value.get<std::string>();
    } else if (key == "operators" && value.is_array()) {
      for (const auto& op : value) {
        if (!op.is_object() || !op.contains("email") || !op["email"].is_string() || !op.contains("password_file") ||
            !op["password_file"].is_string() || op.size() != 2) {
          return "config file " + path + ": each operator is {\"email\": ..., \"password_file\": ...}";
        }
        config.operators.push_back({op["email"].get<std::string>(), op["password_file"].get<std::string>()});
      }
    } else {
      return "config file " + path + ": bad or unknown key \"" + key + "\"";
    }
  }
  return std::nullopt;
}

}  // namespace

std::string usage_text() {
  return "usage: parta-server [--config FILE.json] [--address ADDR] [--port N] [--data-dir DIR]\n"
         "                    [--web-root DIR] [--seed-demo] [--ready-file PATH] [--smtp-url URL]\n"
         "                    [--mail-from ADDR] [--public-url URL]\n"
         "                    [--create-operator EMAIL --operator-password-file FILE] [--help]\n"
         "  --config FILE     JSON with keys address, port, data_dir, web_root, seed_demo, smtp_url,\n"
         "                    mail_from, public_url, operators ([{\"email\", \"password_file\"}]) (flags win)\n"
         "  --address ADDR    interface to listen on (default 127.0.0.1)\n"
         "  --port N          TCP port (default 8080; 0 picks a free one)\n"
         "  --data-dir DIR    where parta.db lives (default ./data)\n"
         "  --web-root DIR    static files of the web client (default build/wasm/web)\n"
         "  --seed-demo       create the demo school if the database is empty\n"
         "  --ready-file PATH write the listening port to PATH once ready\n"
         "  --smtp-url URL    mail server for codes and invitations, e.g. smtp://127.0.0.1:25\n"
         "                    (without it mails are written to the log)\n"
         "  --mail-from ADDR  sender address of mails (default parta@localhost)\n"
         "  --public-url URL  address people open, for links in mails (default http://ADDR:PORT)\n"
         "  --create-operator EMAIL  create or update a platform operator at start-up, with the\n"
         "                    password in the first line of --operator-password-file FILE\n";
}

ParseOutcome parse_command_line(const std::vector<std::string>& args) {
  // Split "--flag=value" and "--flag value" into pairs; flags without a value get "".
  struct Flag {
    std::string name;
    std::string value;
    bool has_value;
  };
  std::vector<Flag> flags;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg.rfind("--", 0) != 0) return bad_usage("unexpected argument: " + arg);
    Flag flag{arg, "", false};
    if (auto eq = arg.find('='); eq != std::string::npos) flag = {arg.substr(0, eq), arg.substr(eq + 1), true};
    const bool takes_value = flag.name == "--config" || flag.name == "--address" || flag.name == "--port" ||
                             flag.name == "--data-dir" || flag.name == "--web-root" || flag.name == "--ready-file" ||
                             flag.name == "--smtp-url" || flag.name == "--mail-from" || flag.name == "--public-url" ||
                             flag.name == "--create-operator" || flag.name == "--operator-password-file";
    if (!takes_value && flag.name != "--seed-demo" && flag.name != "--help") {
      return bad_usage("unknown flag: " + flag.name);
    }
    if (takes_value && !flag.has_value) {
      if (i + 1 >= args.size()) return bad_usage("missing value for " + arg);
      flag = {arg, args[++i], true};
    }
    flags.push_back(std::move(flag));
  }

  Config config;
  std::string operator_email;
  std::string operator_password_file;
  // The JSON file first, so that flags override it whatever their order.
  for (const auto& flag : flags) {
    if (flag.name != "--config") continue;
    if (auto err = load_json(flag.value, config)) return bad_usage(*err);
  }
  for (const auto& flag : flags) {
    const auto& name = flag.name;
    if (name == "--help") {
      ParseOutcome out;
      out.message = usage_text();
      return out;
    } else if (name == "--config") {
      continue;
    } else if (name == "--address") {
      config.address = flag.value;
    } else if (name == "--port") {
      if (!parse_port(flag.value, config.port)) return bad_usage("bad port: " + flag.value);
    } else if (name == "--data-dir") {
      config.data_dir = flag.value;
    } else if (name == "--web-root") {
      config.web_root = flag.value;
      config.web_root_given = true;
    } else if (name == "--seed-demo") {
      if (flag.has_value) return bad_usage("--seed-demo takes no value");
      config.seed_demo = true;
    } else if (name == "--ready-file") {
      config.ready_file = flag.value;
    } else if (name == "--smtp-url") {
      config.smtp_url = flag.value;
    } else if (name == "--mail-from") {
      config.mail_from = flag.value;
    } else if (name == "--public-url") {
      config.public_url = flag.value;
    } else if (name == "--create-operator") {
      operator_email = flag.value;
    } else if (name == "--operator-password-file") {
      operator_password_file = flag.value;
    } else {
      return bad_usage("unknown flag: " + name);
    }
    if (flag.has_value && flag.value.empty()) return bad_usage("empty value for " + name);
  }
  if (operator_email.empty() != operator_password_file.empty()) {
    return bad_usage("--create-operator and --operator-password-file go together");
  }
  if (!operator_email.empty()) config.operators.push_back({operator_email, operator_password_file});
  if (config.public_url.empty()) {
    const bool v6 = config.address.find(':') != std::string::npos;
    config.public_url = "http://" + (v6 ? "[" + config.address + "]" : config.address) + ":" + std::to_string(config.port);
  }
  while (!config.public_url.empty() && config.public_url.back() == '/') config.public_url.pop_back();
  ParseOutcome out;
  out.config = std::move(config);
  return out;
}

}  // namespace parta::server
