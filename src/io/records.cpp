#include "diplograph/io/records.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include <rapidjson/document.h>
#include <rapidjson/internal/dtoa.h>
#include <rapidjson/error/en.h>

#include <fmt/format.h>

#include "write_common.hpp"

namespace diplograph::io {
namespace {

// A JSON object written straight into room the caller has made (see write_record()), the text
// rapidjson::Writer gives for the same calls (no spaces; strings escaped as it escapes them;
// doubles by its own dtoa), without its buffer per record and its byte-at-a-time escaping.
// `diplograph extract` writes about twenty strings per event: this was, through rapidjson, a
// fifth of the time the command took.
class JsonOut {
 public:
  explicit JsonOut(char* p) : m_p(p) {}
  [[nodiscard]] char* end() const { return m_p; }

  // The most bytes a string of `n` bytes can take: every byte a \u00XX escape, and its quotes.
  static constexpr std::size_t string_bound(std::size_t n) { return 6 * n + 2; }

  void begin_object() { open('{'); }
  void end_object() { close('}'); }
  void begin_array() { open('['); }
  void end_array() { close(']'); }

  // Keys are the record format's own ASCII names: nothing to escape.
  void key(std::string_view name) {
    separate();
    *m_p++ = '"';
    put(name);
    *m_p++ = '"';
    *m_p++ = ':';
    m_after_key = true;
  }

  void string(std::string_view value) {
    separate();
    *m_p++ = '"';
    // rapidjson's escapes: the two-character forms for \b \t \n \f \r, \u00XX (capitals)
    // for the other control characters, and the quote and backslash; UTF-8 is copied as is
    static constexpr auto kEscape = [] {
      std::array<char, 256> table{};
      for (int c = 0; c < 0x20; ++c) table[static_cast<std::size_t>(c)] = 'u';
      table['\b'] = 'b';
      table['\t'] = 't';
      table['\n'] = 'n';
      table['\f'] = 'f';
      table['\r'] = 'r';
      table['"'] = '"';
      table['\\'] = '\\';
      return table;
    }();
    std::size_t run = 0;
    for (std::size_t i = 0; i < value.size(); ++i) {
      const char e = kEscape[static_cast<unsigned char>(value[i])];
      if (e == 0) continue;
      put(value.substr(run, i - run));
      run = i + 1;
      *m_p++ = '\\';
      *m_p++ = e;
      if (e == 'u') {
        static constexpr char kHex[] = "0123456789ABCDEF";
        const auto c = static_cast<unsigned char>(value[i]);
        *m_p++ = '0';
        *m_p++ = '0';
        *m_p++ = kHex[c >> 4];
        *m_p++ = kHex[c & 15];
      }
    }
    put(value.substr(run));
    *m_p++ = '"';
  }

  // at most 25 bytes
  void number(std::uint64_t value) {
    separate();
    m_p = std::to_chars(m_p, m_p + 20, value).ptr;
  }

  void number(int value) {
    separate();
    m_p = std::to_chars(m_p, m_p + 11, value).ptr;
  }

  // rapidjson's shortest form ("3.4", "-10.0", "0.52"); null for what JSON cannot hold
  void number(double value) {
    separate();
    if (!std::isfinite(value)) {
      put("null");
      return;
    }
    m_p = rapidjson::internal::dtoa(value, m_p);
  }

  void boolean(bool value) {
    separate();
    put(value ? std::string_view("true") : std::string_view("false"));
  }

  void string_member(std::string_view name, std::string_view value) {
    key(name);
    string(value);
  }

  // "2024-08-16", the text of Date::iso(), without a string
  void date_member(std::string_view name, const Date& date) {
    char text[32];
    const char* stop = detail::put_date(text, date);
    string_member(name, std::string_view(text, static_cast<std::size_t>(stop - text)));
  }

 private:
  void put(std::string_view text) {
    std::memcpy(m_p, text.data(), text.size());
    m_p += text.size();
  }
  void open(char bracket) {
    separate();
    *m_p++ = bracket;
    m_first = true;
  }
  void close(char bracket) {
    *m_p++ = bracket;
    m_first = false;
    m_after_key = false;
  }
  // a comma before every value of an object or array but the first; none after a key
  void separate() {
    if (m_after_key) {
      m_after_key = false;
      return;
    }
    if (!m_first) *m_p++ = ',';
    m_first = false;
  }

  char* m_p;
  bool m_first = true;
  bool m_after_key = false;
};

// Appends one record to `out`: makes room for `bound` bytes, lets `write` fill it through a
// JsonOut, and keeps what it wrote and a newline.
template <typename Write>
void write_record(std::string& out, std::size_t bound, Write&& write) {
  const std::size_t old = out.size();
  out.resize_and_overwrite(old + bound + 1, [&](char* data, std::size_t) {
    JsonOut w(data + old);
    write(w);
    char* end = w.end();
    *end++ = '\n';
    return static_cast<std::size_t>(end - data);
  });
}

void actor_ref(JsonOut& w, std::string_view key, const ActorRef& ref) {
  w.key(key);
  w.begin_object();
  w.string_member("id", ref.id);
  w.string_member("name", ref.name);
  w.string_member("code", ref.code);
  w.end_object();
}

std::string_view get_string(const rapidjson::Value& object, const char* key) {
  const auto it = object.FindMember(key);
  if (it == object.MemberEnd() || !it->value.IsString()) return {};
  return {it->value.GetString(), it->value.GetStringLength()};
}

ActorRef parse_ref(const rapidjson::Value& value) {
  ActorRef ref;
  if (!value.IsObject()) return ref;
  ref.id = get_string(value, "id");
  ref.name = get_string(value, "name");
  ref.code = get_string(value, "code");
  if (ref.id.empty()) ref.id = ref.code;
  return ref;
}

}  // namespace

// Room for the fixed parts of a record: keys, brackets, numbers (25 bytes each at most).
constexpr std::size_t kRecordFrame = 512;

void append_document_record(std::string& out, const Document& document) {
  const std::size_t bound = kRecordFrame + JsonOut::string_bound(document.id.size()) +
                            JsonOut::string_bound(document.title.size()) + JsonOut::string_bound(document.url.size());
  write_record(out, bound, [&](JsonOut& w) {
    w.begin_object();
    w.string_member("type", "document");
    w.string_member("id", document.id);
    if (document.date) w.date_member("date", *document.date);
    if (!document.title.empty()) w.string_member("title", document.title);
    if (!document.url.empty()) w.string_member("url", document.url);
    w.key("sentences");
    w.number(static_cast<std::uint64_t>(document.sentences.size()));
    w.end_object();
  });
}

void append_actor_record(std::string& out, const Document& document, const Actor& actor,
                         const std::vector<Mention>& mentions) {
  std::size_t bound = kRecordFrame;
  for (const std::string* s : {&document.id, &actor.id, &actor.name, &actor.code, &actor.country, &actor.title})
    bound += JsonOut::string_bound(s->size());
  for (const auto& alias : actor.aliases) bound += JsonOut::string_bound(alias.size()) + 1;
  bound += mentions.size() * (32 + 3 * 25);
  write_record(out, bound, [&](JsonOut& w) {
    w.begin_object();
    w.string_member("type", "actor");
    w.string_member("doc", document.id);
    w.string_member("id", actor.id);
    w.string_member("name", actor.name);
    w.string_member("code", actor.code);
    w.string_member("country", actor.country);
    w.string_member("kind", to_string(actor.kind));
    if (!actor.title.empty()) w.string_member("title", actor.title);
    if (!actor.aliases.empty()) {
      w.key("aliases");
      w.begin_array();
      for (const auto& alias : actor.aliases) w.string(alias);
      w.end_array();
    }
    w.key("mentions");
    w.begin_array();
    for (const auto& m : mentions) {
      w.begin_object();
      w.key("sentence");
      w.number(static_cast<std::uint64_t>(m.sentence));
      w.key("start");
      w.number(static_cast<std::uint64_t>(m.span.start));
      w.key("end");
      w.number(static_cast<std::uint64_t>(m.span.end));
      w.end_object();
    }
    w.end_array();
    w.end_object();
  });
}

void append_event_record(std::string& out, const Event& event) {
  const Provenance* first = event.provenance.empty() ? nullptr : &event.provenance.front();
  std::size_t bound = kRecordFrame;
  for (const std::string* s : {&event.source.id, &event.source.name, &event.source.code, &event.target.id,
                               &event.target.name, &event.target.code, &event.cameo, &event.root})
    bound += JsonOut::string_bound(s->size());
  if (first) bound += JsonOut::string_bound(first->doc.size()) + JsonOut::string_bound(first->evidence.size());
  write_record(out, bound, [&](JsonOut& w) {
    w.begin_object();
    w.string_member("type", "event");
    w.string_member("doc", first ? std::string_view(first->doc) : std::string_view());
    w.key("sentence");
    w.number(static_cast<std::uint64_t>(first ? first->sentence : 0));
    actor_ref(w, "source", event.source);
    actor_ref(w, "target", event.target);
    w.string_member("cameo", event.cameo);
    w.string_member("root", event.root);
    w.key("quad");
    w.number(event.quad);
    w.key("goldstein");
    w.number(event.goldstein);
    if (event.date) w.date_member("date", *event.date);
    w.key("confidence");
    w.number(event.confidence);
    if (event.domestic) {
      w.key("domestic");
      w.boolean(true);
    }
    w.string_member("evidence", first ? std::string_view(first->evidence) : std::string_view());
    w.key("span");
    w.begin_array();
    w.number(static_cast<std::uint64_t>(first ? first->span.start : 0));
    w.number(static_cast<std::uint64_t>(first ? first->span.end : 0));
    w.end_array();
    w.end_object();
  });
}

std::string document_record(const Document& document) {
  std::string out;
  append_document_record(out, document);
  return out;
}

std::string actor_record(const Document& document, const Actor& actor, const std::vector<Mention>& mentions) {
  std::string out;
  append_actor_record(out, document, actor, mentions);
  return out;
}

std::string event_record(const Event& event) {
  std::string out;
  append_event_record(out, event);
  return out;
}

Records parse_records(std::string_view text, std::string_view file) {
  Records out;
  std::size_t line_no = 0;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    ++line_no;
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t'))
      line.remove_suffix(1);
    if (line.empty()) continue;
    rapidjson::Document d;
    d.Parse(line.data(), line.size());
    auto fail = [&](std::string message) {
      out.errors.push_back(Error{std::string(file), line_no, 0, std::move(message)});
    };
    if (d.HasParseError()) {
      fail(fmt::format("not JSON ({} at column {})", rapidjson::GetParseError_En(d.GetParseError()),
                       d.GetErrorOffset() + 1));
      continue;
    }
    if (!d.IsObject()) {
      fail("a record must be a JSON object");
      continue;
    }
    const std::string_view type = get_string(d, "type");
    if (type == "document") {
      ++out.documents;
    } else if (type == "actor") {
      Actor a;
      a.id = get_string(d, "id");
      a.name = get_string(d, "name");
      a.code = get_string(d, "code");
      a.country = get_string(d, "country");
      a.title = get_string(d, "title");
      a.kind = actor_kind_from_string(get_string(d, "kind")).value_or(ActorKind::other);
      if (a.id.empty()) {
        fail("actor record without \"id\"");
        continue;
      }
      if (const auto it = d.FindMember("aliases"); it != d.MemberEnd() && it->value.IsArray())
        for (const auto& alias : it->value.GetArray())
          if (alias.IsString()) a.aliases.emplace_back(alias.GetString(), alias.GetStringLength());
      out.actors.push_back(std::move(a));
    } else if (type == "event") {
      Event e;
      const auto src = d.FindMember("source");
      const auto tgt = d.FindMember("target");
      if (src == d.MemberEnd() || tgt == d.MemberEnd()) {
        fail("event record without \"source\" or \"target\"");
        continue;
      }
      e.source = parse_ref(src->value);
      e.target = parse_ref(tgt->value);
      e.cameo = get_string(d, "cameo");
      if (e.source.id.empty() || e.target.id.empty() || e.cameo.size() < 2) {
        fail("event record needs source and target ids or codes and a \"cameo\" code");
        continue;
      }
      e.root = get_string(d, "root");
      if (e.root.empty()) e.root = e.cameo.substr(0, 2);
      if (const auto it = d.FindMember("quad"); it != d.MemberEnd() && it->value.IsInt())
        e.quad = it->value.GetInt();
      if (const auto it = d.FindMember("goldstein"); it != d.MemberEnd() && it->value.IsNumber())
        e.goldstein = it->value.GetDouble();
      if (const auto it = d.FindMember("confidence"); it != d.MemberEnd() && it->value.IsNumber())
        e.confidence = it->value.GetDouble();
      if (const auto it = d.FindMember("domestic"); it != d.MemberEnd() && it->value.IsBool())
        e.domestic = it->value.GetBool();
      if (const std::string_view date = get_string(d, "date"); !date.empty()) {
        e.date = Date::parse(date);
        if (!e.date) {
          fail(fmt::format("bad date \"{}\" (want YYYY-MM-DD)", date));
          continue;
        }
      }
      Provenance p;
      p.doc = get_string(d, "doc");
      if (const auto it = d.FindMember("sentence"); it != d.MemberEnd() && it->value.IsUint64())
        p.sentence = it->value.GetUint64();
      p.evidence = get_string(d, "evidence");
      if (const auto it = d.FindMember("span");
          it != d.MemberEnd() && it->value.IsArray() && it->value.Size() == 2 &&
          it->value[0].IsUint64() && it->value[1].IsUint64())
        p.span = Span{it->value[0].GetUint64(), it->value[1].GetUint64()};
      e.provenance.push_back(std::move(p));
      out.events.push_back(std::move(e));
    }
  }
  return out;
}

}  // namespace diplograph::io
