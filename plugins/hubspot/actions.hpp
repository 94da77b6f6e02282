// The CRM actions on HubSpot (CRM v3 objects: contacts, deals, notes).
#pragma once

#include <crm/crm.hpp>

namespace hubspot {

crm::Contact create_contact(ah::Context& ctx, const crm::CreateContactIn& in);
crm::Contact update_contact(ah::Context& ctx, const crm::UpdateContactIn& in);
crm::ContactPage search_contacts(ah::Context& ctx, const crm::SearchContactsIn& in);
crm::ContactPage fetch_recent_leads(ah::Context& ctx, const crm::FetchRecentLeadsIn& in);
crm::Deal create_deal(ah::Context& ctx, const crm::CreateDealIn& in);
crm::Note log_note(ah::Context& ctx, const crm::LogNoteIn& in);

} // namespace hubspot
