// The supply side's services, wired once per process.
import type { Platform } from '../../platform/platform.js';
import type { PartnerOrgService } from '../partners/partnerOrg.service.js';
import { ImportService } from './import.service.js';
import { InventoryService } from './inventory.service.js';
import { QualityService } from './quality.service.js';
import { UploadService } from './upload.service.js';
import { VerificationService } from './verification.service.js';
import { createVerifier } from './verification/verifier.js';

export function createLeadsServices(platform: Platform, partnerOrgs: PartnerOrgService) {
  const quality = new QualityService(platform);
  const uploads = new UploadService(platform, partnerOrgs, quality);
  return {
    quality,
    uploads,
    imports: new ImportService(platform, uploads, quality),
    inventory: new InventoryService(platform, partnerOrgs, uploads),
    verification: new VerificationService(platform, createVerifier(platform.config), uploads, quality),
  };
}
