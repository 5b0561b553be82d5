import { mount } from '../../hooks/mount';
import './style.css';
import { App } from './App';

mount(App);
