import { useMutation, useQuery } from '@apollo/client/react';
import { errorMessage } from '@hotlead/graphql-client';
import {
  applyUserErrors,
  emailSchema,
  EmptyPanel,
  FormErrorAlert,
  nameSchema,
  PageSkeleton,
  QueryErrorAlert,
  zodResolver,
} from '@hotlead/ui';
import { Alert, Anchor, Button, Checkbox, Grid, Paper, Select, Stack, Text, Textarea, TextInput, ThemeIcon, Title } from '@mantine/core';
import { useForm, type UseFormReturnType } from '@mantine/form';
import { IconClockPause, IconMailCheck, IconTools } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { z } from 'zod';
import { RequestFormDocument, ServiceRequestSubmitDocument, type RequestFormQuery } from '../../gql/graphql';
import { countryOptions, DEFAULT_COUNTRY } from '../../requests/countries';
import { apiErrorMessage, inputErrorsOf, isRateLimited, retryAfterText } from '../../requests/serverErrors';
import { urls } from '../../urls';

export const DETAILS_MIN = 10;
export const DETAILS_MAX = 5000;

const optionalText = (max: number) => z.string().trim().max(max, `Use at most ${max} characters`);

const schema = z.object({
  name: nameSchema,
  email: emailSchema,
  phone: optionalText(40).refine(
    (value) => value === '' || (value.match(/\d/g)?.length ?? 0) >= 7,
    'Enter a phone number with at least 7 digits',
  ),
  country: z.string().length(2, 'Choose your country'),
  region: optionalText(100),
  city: optionalText(100),
  postalCode: optionalText(20),
  details: z
    .string()
    .trim()
    .min(DETAILS_MIN, `Describe what you need in at least ${DETAILS_MIN} characters`)
    .max(DETAILS_MAX, `Use at most ${DETAILS_MAX} characters`),
  hideEmail: z.boolean(),
});

type FormValues = z.input<typeof schema>;
type Niche = NonNullable<RequestFormQuery['niche']>;
type Consent = RequestFormQuery['requestConsent'];
type Submitted = { maskedEmail: string; hideEmail: boolean };

/** `/request/:nicheSlug`: the public request form of one service category. */
export function RequestFormPage() {
  const { nicheSlug = '' } = useParams();
  const { data, error, refetch } = useQuery(RequestFormDocument, { variables: { slug: nicheSlug } });
  const [submitted, setSubmitted] = useState<Submitted | null>(null);

  if (!data) return error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />;

  if (!data.niche?.active) {
    return (
      <Paper>
        <EmptyPanel
          title="This service is not open for requests"
          description="It may have been renamed or paused. Pick a service from the list."
          icon={<IconTools size={28} />}
          action={
            <Button component={Link} to={urls.requestNiches()} variant="light">
              See all services
            </Button>
          }
        />
      </Paper>
    );
  }

  if (submitted) return <CheckYourEmail {...submitted} />;
  return <RequestForm niche={data.niche} consent={data.requestConsent} onSubmitted={setSubmitted} />;
}

function RequestForm({ niche, consent, onSubmitted }: { niche: Niche; consent: Consent; onSubmitted: (s: Submitted) => void }) {
  const [submitRequest, { loading }] = useMutation(ServiceRequestSubmitDocument);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const [rateLimit, setRateLimit] = useState<string | null>(null);
  const countries = useMemo(countryOptions, []);
  // Uncontrolled: typing re-renders the field, not the whole form (with its long country list).
  const form = useForm<FormValues>({
    mode: 'uncontrolled',
    initialValues: {
      name: '',
      email: '',
      phone: '',
      country: DEFAULT_COUNTRY,
      region: '',
      city: '',
      postalCode: '',
      details: '',
      // The person opts in by ticking it themselves: never pre-ticked.
      hideEmail: false,
    },
    validate: zodResolver(schema),
  });

  const submit = form.onSubmit(async (values) => {
    setFormErrors([]);
    setRateLimit(null);
    const orNull = (value: string) => value.trim() || null;
    try {
      const { data } = await submitRequest({
        variables: {
          input: {
            nicheSlug: niche.slug,
            name: values.name.trim(),
            email: values.email.trim(),
            phone: orNull(values.phone),
            country: values.country,
            region: orNull(values.region),
            city: orNull(values.city),
            postalCode: orNull(values.postalCode),
            details: values.details.trim(),
            hideEmail: values.hideEmail,
            // The version of the wording this page showed, recorded with the consent.
            consentVersion: consent.version,
          },
        },
      });
      const payload = data?.serviceRequestSubmit;
      if (!payload?.accepted) {
        setFormErrors(['Your request was not accepted. Please check it and try again.']);
        return;
      }
      onSubmitted({ maskedEmail: payload.maskedEmail, hideEmail: values.hideEmail });
    } catch (error) {
      if (isRateLimited(error)) {
        setRateLimit(`${apiErrorMessage(error)} ${retryAfterText(error)}`);
        return;
      }
      const inputErrors = inputErrorsOf(error);
      setFormErrors(inputErrors.length > 0 ? applyUserErrors(form, inputErrors) : [errorMessage(error)]);
    }
  });

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Anchor component={Link} to={urls.requestNiches()} size="sm">
          ← All services
        </Anchor>
        <Title order={1}>{niche.name}</Title>
        <Text c="dimmed">{niche.description}</Text>
      </Stack>
      <Paper withBorder>
        <form onSubmit={submit} noValidate aria-label={`Request for ${niche.name}`}>
          <Stack>
            {rateLimit && (
              <Alert color="orange" icon={<IconClockPause size={18} />} title="Too many requests" role="alert">
                {rateLimit}
              </Alert>
            )}
            <FormErrorAlert messages={formErrors} />
            <Title order={2} size="h4">
              About you
            </Title>
            <Grid>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput label="Your name" autoComplete="name" required key={form.key('name')} {...form.getInputProps('name')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label="Email"
                  type="email"
                  autoComplete="email"
                  required
                  description="We send you a link to confirm the request."
                  key={form.key('email')}
                  {...form.getInputProps('email')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label="Phone"
                  type="tel"
                  autoComplete="tel"
                  description="Optional. Providers matched with your request can see it and may call you."
                  key={form.key('phone')}
                  {...form.getInputProps('phone')}
                />
              </Grid.Col>
            </Grid>
            <Title order={2} size="h4">
              Where
            </Title>
            <Grid>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <Select
                  label="Country"
                  data={countries}
                  searchable
                  allowDeselect={false}
                  required
                  autoComplete="country"
                  key={form.key('country')}
                  {...form.getInputProps('country')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label="State / region"
                  autoComplete="address-level1"
                  key={form.key('region')}
                  {...form.getInputProps('region')}
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput label="City" autoComplete="address-level2" key={form.key('city')} {...form.getInputProps('city')} />
              </Grid.Col>
              <Grid.Col span={{ base: 12, sm: 6 }}>
                <TextInput
                  label="Postal code"
                  autoComplete="postal-code"
                  key={form.key('postalCode')}
                  {...form.getInputProps('postalCode')}
                />
              </Grid.Col>
            </Grid>
            <Title order={2} size="h4">
              What you need
            </Title>
            <Textarea
              label="Details"
              required
              rows={6}
              maxLength={DETAILS_MAX}
              placeholder="What needs doing, when, and anything a provider should know."
              description={<DetailsCounter form={form} />}
              key={form.key('details')}
              {...form.getInputProps('details')}
            />
            <Checkbox
              label={consent.wording}
              description={<ConsentExplanation form={form} />}
              key={form.key('hideEmail')}
              {...form.getInputProps('hideEmail', { type: 'checkbox' })}
            />
            <Text size="xs" c="dimmed">
              When you confirm it, your request (name, location, details and phone if given) goes to a few providers who match it.
            </Text>
            <Button type="submit" loading={loading} size="md">
              Send my request
            </Button>
          </Stack>
        </form>
      </Paper>
    </Stack>
  );
}

/** "12 / 5000 characters": its own component, so typing re-renders only the counter. */
function DetailsCounter({ form }: { form: UseFormReturnType<FormValues> }) {
  const [length, setLength] = useState(form.getValues().details.length);
  form.watch('details', ({ value }) => setLength(value.length));
  return `${length} / ${DETAILS_MAX} characters (at least ${DETAILS_MIN})`;
}

/** What ticking (or not) the opt-in means, below the checkbox. */
function ConsentExplanation({ form }: { form: UseFormReturnType<FormValues> }) {
  const [hideEmail, setHideEmail] = useState(form.getValues().hideEmail);
  form.watch('hideEmail', ({ value }) => setHideEmail(value));
  return hideEmail
    ? 'Providers will not see your email address. Their messages reach you from a Hotlead address, you answer from your own inbox or from My requests, and we set up a free account for you when you confirm.'
    : 'Tick this to keep your email address private. Left unticked, the providers matched with your request receive your email address and contact you directly.';
}

/** After submitting: the confirmation email tells the rest. */
function CheckYourEmail({ maskedEmail, hideEmail }: Submitted) {
  return (
    <Paper withBorder>
      <Stack align="center" ta="center" py="lg" role="status">
        <ThemeIcon size={56} radius="xl" color="teal" variant="light">
          <IconMailCheck size={30} />
        </ThemeIcon>
        <Title order={2}>Check your email</Title>
        <Text maw={520}>
          {hideEmail
            ? `We sent a confirmation link to ${maskedEmail}. Open it to confirm your request and set up your account.`
            : `We sent a confirmation link to ${maskedEmail}. Open it to confirm your request; we pass it to providers once it is confirmed.`}
        </Text>
        <Text size="sm" c="dimmed" maw={520}>
          Nothing there after a few minutes? Look in your spam folder.
        </Text>
        <Anchor component={Link} to={urls.requestNiches()} size="sm">
          Request another service
        </Anchor>
      </Stack>
    </Paper>
  );
}
