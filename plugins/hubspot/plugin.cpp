// Registration of the HubSpot plugin: the shared CRM actions (plugins/shared/crm/actions.hpp).
#include "actions.hpp"

#include <crm/actions.hpp>

AH_PLUGIN("hubspot", "1.0.0", "HubSpot", "HubSpot CRM: contacts, deals and notes") {
  using namespace hubspot;
  crm::register_actions(
      plugin,
      {create_contact, update_contact, search_contacts, fetch_recent_leads, create_deal, log_note,
       "Creates a deal in the default pipeline, associated with the given contacts."});
}
