import { skipToken, useQuery } from '@apollo/client/react';
import { errorCode } from '@hotlead/graphql-client';
import { EmptyPanel, notifySuccess, PageSkeleton, QueryErrorAlert } from '@hotlead/ui';
import { Alert, Anchor, Button, Group, Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { UploadWizardDocument, UploadWizardFileDocument, type UploadWizardFileQuery } from '../../gql/graphql';
import { delimiterLabel, encodingLabel, formatBytes, UPLOAD_STATUS } from '../../supply/labels';
import { urls } from '../../urls';
import { FRESH_ON_OPEN } from '../fetchPolicies';
import { ColumnsStep, type Mapping } from './ColumnsStep';
import { DetailsStep, type StartedUpload } from './DetailsStep';
import { FileStep } from './FileStep';

type WizardFile = UploadWizardFileQuery['leadUpload'];

function FileSummary({ file }: { file: WizardFile }) {
  return (
    <Text size="sm" c="dimmed">
      <Text span fw={600} c="var(--mantine-color-text)">
        {file.fileName}
      </Text>{' '}
      · {formatBytes(file.sizeBytes)} · {file.headers.length} {file.headers.length === 1 ? 'column' : 'columns'} ·{' '}
      {encodingLabel(file.encoding)} · {delimiterLabel(file.delimiter)}
    </Text>
  );
}

/** The file, its column mapping, then the import's details: a CSV of leads becomes an import. */
export function UploadWizardPage() {
  const { partnerOrgId = '' } = useParams();
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  // The uploaded file lives in the URL: a reload (or a later visit) continues with it.
  const uploadId = searchParams.get('upload');
  const [step, setStep] = useState<1 | 2>(1);
  const [mapping, setMapping] = useState<Mapping | null>(null);
  const [startMapping, setStartMapping] = useState<Mapping | null>(null);

  const { data, error, refetch } = useQuery(UploadWizardDocument, { variables: { partnerOrgId }, ...FRESH_ON_OPEN });
  const fileQuery = useQuery(UploadWizardFileDocument, uploadId ? { variables: { uploadId } } : skipToken);

  if (!data) {
    if (error && errorCode(error) === 'NOT_FOUND') return <OrgNotFound />;
    return error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />;
  }
  const partnerOrg = data.partnerOrg;
  if (!partnerOrg) return <OrgNotFound />;
  const suspendedReason = partnerOrg.supply.uploadsSuspended
    ? (partnerOrg.supply.uploadsSuspendedReason ?? 'An administrator has paused uploads for this organization.')
    : null;

  const chooseFile = (id: string) => {
    setMapping(null);
    setStartMapping(null);
    setStep(1);
    setSearchParams({ upload: id });
  };
  const chooseAnotherFile = () => {
    setMapping(null);
    setStartMapping(null);
    setStep(1);
    setSearchParams({});
  };
  const started = (upload: StartedUpload) => {
    notifySuccess(
      upload.reviewStatus === 'PENDING'
        ? 'Its leads wait for an admin review before buyers can see them.'
        : 'Its leads list for buyers as they import.',
      'Import started',
    );
    void navigate(urls.upload(partnerOrg.id, upload.id));
  };

  const file = fileQuery.data?.leadUpload;
  const active = uploadId ? step : 0;
  let body;
  if (!uploadId) {
    body = <FileStep partnerOrgId={partnerOrg.id} suspendedReason={suspendedReason} onUploaded={(f) => chooseFile(f.id)} />;
  } else if (!file) {
    body = fileQuery.error ? (
      <Stack gap="sm">
        <QueryErrorAlert error={fileQuery.error} onRetry={() => void fileQuery.refetch()} />
        <Group>
          <Button variant="default" onClick={chooseAnotherFile}>
            Choose another file
          </Button>
        </Group>
      </Stack>
    ) : (
      <PageSkeleton />
    );
  } else if (file.status !== 'UPLOADED') {
    body = (
      <Alert color="blue" title="This file’s import has already started" role="status">
        <Stack gap="xs" align="flex-start">
          <Text size="sm">
            {file.fileName} is {UPLOAD_STATUS[file.status].label.toLowerCase()}. Follow it on its page, or upload another file.
          </Text>
          <Group gap="sm">
            <Button size="xs" component={Link} to={urls.upload(partnerOrg.id, file.id)}>
              Open the upload
            </Button>
            <Button size="xs" variant="default" onClick={chooseAnotherFile}>
              Upload another file
            </Button>
          </Group>
        </Stack>
      </Alert>
    );
  } else if (step === 1 || !startMapping) {
    body = (
      <ColumnsStep
        key={file.id}
        uploadId={file.id}
        mapping={mapping}
        onMappingChange={setMapping}
        onBack={chooseAnotherFile}
        onNext={(chosen) => {
          setStartMapping(chosen);
          setStep(2);
        }}
      />
    );
  } else {
    body = (
      <DetailsStep
        uploadId={file.id}
        mapping={startMapping}
        industries={data.industries}
        suspendedReason={suspendedReason}
        onBack={() => setStep(1)}
        onStarted={started}
      />
    );
  }

  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Title order={2}>Upload leads</Title>
        <Text c="dimmed" size="sm">
          <Anchor component={Link} to={urls.supply(partnerOrg.id)}>
            {partnerOrg.name}
          </Anchor>{' '}
          · Upload a CSV file, match its columns, then start the import. Leads are verified and priced as they import.
        </Text>
      </div>
      <Paper>
        <Stepper
          active={active}
          onStepClick={(index) => {
            if (index === 0) chooseAnotherFile();
            else if (index === 1) setStep(1);
          }}
          allowNextStepsSelect={false}
          size="sm"
        >
          <Stepper.Step label="File" description="Upload a CSV" />
          <Stepper.Step label="Columns" description="Match the fields" />
          <Stepper.Step label="Details" description="Industry and price" />
        </Stepper>
      </Paper>
      {file && active > 0 && <FileSummary file={file} />}
      {body}
    </Stack>
  );
}

function OrgNotFound() {
  return <EmptyPanel title="Organization not found" description="It may have been removed, or you are no longer a member." />;
}
