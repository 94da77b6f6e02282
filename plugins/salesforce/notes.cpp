#include "actions.hpp"
#include "api.hpp"

namespace salesforce {

namespace {

// Note.Title is required and at most 80 characters: the body's first line, shortened.
std::string title_of(const std::string& body) {
  std::string line = body.substr(0, body.find('\n'));
  if (line.size() <= 80)
    return line;
  size_t cut = 77;
  while (cut > 0 && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80)
    --cut; // not inside a UTF-8 sequence
  return line.substr(0, cut) + "...";
}

} // namespace

// The classic Note object: one insert with ParentId (a Contact or an Opportunity), Title and a
// plain-text Body up to 32 KB, as the REST API documents it. ContentNote (enhanced notes) would
// need the text HTML-escaped and base64-encoded, then a ContentDocumentLink per record: two
// writes that can half-fail. A Task is an activity (a call, a to-do), not a note.
crm::Note log_note(ah::Context& ctx, const crm::LogNoteIn& in) {
  crm::require_one_target(in);
  const std::string& target = in.contact_id ? *in.contact_id : *in.deal_id;
  std::string missing =
      in.contact_id ? crm::contact_not_found(target) : crm::deal_not_found(target);
  require_record(ctx, in.contact_id ? "Contact" : "Opportunity", target, missing);
  auto fields = ah::json::object();
  fields->set("ParentId", target);
  fields->set("Title", title_of(in.body));
  fields->set("Body", in.body);
  crm::Note note;
  note.id = insert(ctx, "Note", fields, "create the note");
  note.body = in.body;
  note.contact_id = in.contact_id;
  note.deal_id = in.deal_id;
  return note;
}

} // namespace salesforce
