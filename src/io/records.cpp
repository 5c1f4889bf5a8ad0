#include "diplograph/io/records.hpp"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <fmt/format.h>

namespace diplograph::io {
namespace {

using Writer = rapidjson::Writer<rapidjson::StringBuffer>;

void key_string(Writer& w, const char* key, std::string_view value) {
  w.Key(key);
  w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
}

void actor_ref(Writer& w, const char* key, const ActorRef& ref) {
  w.Key(key);
  w.StartObject();
  key_string(w, "id", ref.id);
  key_string(w, "name", ref.name);
  key_string(w, "code", ref.code);
  w.EndObject();
}

std::string finish(rapidjson::StringBuffer& buffer) {
  std::string line(buffer.GetString(), buffer.GetSize());
  line += '\n';
  return line;
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

std::string document_record(const Document& document) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  key_string(w, "type", "document");
  key_string(w, "id", document.id);
  if (document.date) key_string(w, "date", document.date->iso());
  if (!document.title.empty()) key_string(w, "title", document.title);
  if (!document.url.empty()) key_string(w, "url", document.url);
  w.Key("sentences");
  w.Uint64(document.sentences.size());
  w.EndObject();
  return finish(buffer);
}

std::string actor_record(const Document& document, const Actor& actor,
                         const std::vector<Mention>& mentions) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  key_string(w, "type", "actor");
  key_string(w, "doc", document.id);
  key_string(w, "id", actor.id);
  key_string(w, "name", actor.name);
  key_string(w, "code", actor.code);
  key_string(w, "country", actor.country);
  key_string(w, "kind", to_string(actor.kind));
  if (!actor.title.empty()) key_string(w, "title", actor.title);
  if (!actor.aliases.empty()) {
    w.Key("aliases");
    w.StartArray();
    for (const auto& alias : actor.aliases) w.String(alias.data(), static_cast<rapidjson::SizeType>(alias.size()));
    w.EndArray();
  }
  w.Key("mentions");
  w.StartArray();
  for (const auto& m : mentions) {
    w.StartObject();
    w.Key("sentence");
    w.Uint64(m.sentence);
    w.Key("start");
    w.Uint64(m.span.start);
    w.Key("end");
    w.Uint64(m.span.end);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
  return finish(buffer);
}

std::string event_record(const Event& event) {
  rapidjson::StringBuffer buffer;
  Writer w(buffer);
  w.StartObject();
  key_string(w, "type", "event");
  const Provenance* first = event.provenance.empty() ? nullptr : &event.provenance.front();
  key_string(w, "doc", first ? std::string_view(first->doc) : std::string_view());
  w.Key("sentence");
  w.Uint64(first ? first->sentence : 0);
  actor_ref(w, "source", event.source);
  actor_ref(w, "target", event.target);
  key_string(w, "cameo", event.cameo);
  key_string(w, "root", event.root);
  w.Key("quad");
  w.Int(event.quad);
  w.Key("goldstein");
  w.Double(event.goldstein);
  if (event.date) key_string(w, "date", event.date->iso());
  w.Key("confidence");
  w.Double(event.confidence);
  if (event.domestic) {
    w.Key("domestic");
    w.Bool(true);
  }
  key_string(w, "evidence", first ? std::string_view(first->evidence) : std::string_view());
  w.Key("span");
  w.StartArray();
  w.Uint64(first ? first->span.start : 0);
  w.Uint64(first ? first->span.end : 0);
  w.EndArray();
  w.EndObject();
  return finish(buffer);
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
