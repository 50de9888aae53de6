import '@hotlead/ui/styles.css';
import '@mantine/dropzone/styles.css';
import { startApp } from '@hotlead/ui';
import { partnerTypePolicies } from './apollo';
import { routes } from './routes';

startApp({ routes, baseUrl: import.meta.env.BASE_URL, clientOptions: { typePolicies: partnerTypePolicies } });
