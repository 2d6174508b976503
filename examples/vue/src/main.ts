// Defines <sspr-reset> before Vue mounts, so Vue finds its properties (`:backend`).
import 'sspr-reset';
import { createApp } from 'vue';
import App from './App.vue';
import './styles.css';

createApp(App).mount('#app');
